/**
 * A bounded memory of session tokens this process has already decrypted, per options object:
 * a JWT cookie stays the same between re-issues (once per `updateAge`), so every page view of a
 * signed-in user would otherwise decrypt the same bytes again.
 *
 * What is kept is the plaintext, keyed by the whole token (its authentication tag included), so a
 * hit is a token that was verified before: a changed byte anywhere misses and is decrypted. The
 * claims are parsed and their `exp`/`nbf` checked again on every hit, so expiry is exact. Only
 * the built-in decoder is cached; a custom `jwt.decode` runs every time.
 *
 * @module
 */

/** Most tokens kept; the oldest entry is dropped past it. */
export const TOKEN_CACHE_LIMIT = 5000
/** Longer tokens (chunked cookies, large claims) are not kept. */
const MAX_TOKEN_LENGTH = 4096

/** One decrypted token: its plaintext and whether an older secret opened it. */
export interface CachedToken {
  plaintext: string
  oldSecret: boolean
}

/**
 * Insertion-ordered, bounded map of token to plaintext.
 *
 * @example
 * ```ts
 * const cache = new TokenCache()
 * cache.set(jwe, { plaintext, oldSecret: false })
 * cache.get(jwe)?.plaintext
 * ```
 */
export class TokenCache {
  readonly #entries = new Map<string, CachedToken>()

  constructor(readonly limit = TOKEN_CACHE_LIMIT) {}

  get size(): number {
    return this.#entries.size
  }

  get(token: string): CachedToken | undefined {
    return this.#entries.get(token)
  }

  set(token: string, entry: CachedToken): void {
    if (token.length > MAX_TOKEN_LENGTH || this.limit <= 0) return
    if (this.#entries.size >= this.limit) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(token, entry)
  }
}
