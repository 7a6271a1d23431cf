/**
 * What each refresh token was last exchanged for, kept in this process. A session that cannot
 * store its rotated refresh token (a session read that writes no cookie, such as
 * `getServerSession` in a Server Component) presents the old one again; the memory answers
 * with the tokens it led to instead of sending a used refresh token to the provider.
 *
 * @module
 */
import type { TokenSet } from '../types.js'

interface Remembered {
  tokens: TokenSet
  /** Milliseconds since the epoch after which the entry is forgotten. */
  forgetAt: number
}

/**
 * A bounded map from a refresh token to the newest tokens it led to.
 *
 * @example
 * ```ts
 * const memory = new RotationMemory(24 * 3600_000, 10_000)
 * memory.remember('corp', oldRefreshToken, refreshed)
 * memory.recall('corp', oldRefreshToken) // refreshed
 * ```
 */
export class RotationMemory {
  readonly #entries = new Map<string, Remembered>()
  readonly #ttlMs: number
  readonly #capacity: number

  /**
   * @param ttlMs How long a rotation is remembered.
   * @param capacity The most rotations kept; the oldest are forgotten first.
   */
  constructor(ttlMs: number, capacity: number) {
    this.#ttlMs = ttlMs
    this.#capacity = capacity
  }

  /**
   * Records that `refreshToken` of `providerId` led to `tokens`.
   *
   * @example
   * ```ts
   * memory.remember(provider.id, presented, tokens)
   * ```
   */
  remember(providerId: string, refreshToken: string, tokens: TokenSet): void {
    const key = `${providerId}\u0000${refreshToken}`
    this.#entries.delete(key)
    this.#entries.set(key, { tokens, forgetAt: Date.now() + this.#ttlMs })
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next().value as string
      this.#entries.delete(oldest)
    }
  }

  /**
   * The tokens `refreshToken` of `providerId` last led to, if still remembered.
   *
   * @example
   * ```ts
   * const known = memory.recall(provider.id, presented)
   * ```
   */
  recall(providerId: string, refreshToken: string): TokenSet | undefined {
    const key = `${providerId}\u0000${refreshToken}`
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.forgetAt <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry.tokens
  }
}
