/**
 * Rate limits for the routes that check a secret: `POST signin/:provider` (email links) and
 * `POST callback/:provider` (credentials). Each request counts against the client's IP (when
 * the app can tell it) and against the identifier it names (the email address or user name),
 * so neither one address from many machines nor many addresses from one machine get through.
 * Counters live in a store: in memory by default, or Redis for several instances.
 *
 * @module
 */
import { RateLimited } from './errors.js'
import type { HeaderReader, RequestContext } from './internal.js'
import type { RateLimitOptions, RateLimitStore } from './types.js'

/**
 * Fixed-window counters in this process's memory. Right for one instance; use a shared store
 * such as `RedisRateLimitStore` when the app runs on several.
 *
 * @example
 * ```ts
 * rateLimit: { window: 60, max: 5, store: new MemoryRateLimitStore() }
 * ```
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>()
  readonly #maxKeys: number

  /** @param maxKeys Keys kept before expired windows are swept. Default 10,000. */
  constructor(maxKeys = 10_000) {
    this.#maxKeys = maxKeys
  }

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetAt: number }> {
    const now = Date.now()
    let window = this.#windows.get(key)
    if (!window || window.resetAt <= now) {
      if (this.#windows.size >= this.#maxKeys) this.#sweep(now)
      window = { count: 0, resetAt: now + windowSeconds * 1000 }
      this.#windows.set(key, window)
    }
    window.count += 1
    return { count: window.count, resetAt: window.resetAt }
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key)
    if (this.#windows.size >= this.#maxKeys) this.#windows.clear()
  }
}

/** The limits in force: the app's options over the defaults (10 requests a minute per key). */
export function normalizeRateLimit(
  options: false | RateLimitOptions | undefined,
): false | Required<RateLimitOptions> {
  if (!options) return false
  return {
    window: options.window ?? 60,
    max: options.max ?? 10,
    store: options.store ?? new MemoryRateLimitStore(),
    clientIp: options.clientIp ?? defaultClientIp,
  }
}

/** The client IP from `X-Forwarded-For`, trusted only with `trustHost`. */
function defaultClientIp(request: { headers: HeaderReader }, trusted: boolean): string | undefined {
  if (!trusted) return undefined
  return request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || undefined
}

/**
 * Counts this request against its IP and `identifier` for the route `scope`, and throws
 * {@link RateLimited} (429, with `Retry-After`) when either is over the limit.
 *
 * @example
 * ```ts
 * await enforceRateLimit(ctx, 'credentials', credentials.username)
 * ```
 */
export async function enforceRateLimit(
  ctx: RequestContext,
  scope: string,
  identifier: string | undefined,
): Promise<void> {
  const limit = ctx.config.rateLimit
  if (!limit) return
  const keys: string[] = []
  const ip =
    limit.clientIp === defaultClientIp
      ? defaultClientIp(ctx.request, ctx.config.trustHost)
      : limit.clientIp(ctx.request.toRequest(), ctx.config.trustHost)
  if (ip) keys.push(`gatehouse:${scope}:ip:${ip}`)
  if (identifier) keys.push(`gatehouse:${scope}:id:${identifier.trim().toLowerCase()}`)

  for (const key of keys) {
    const { count, resetAt } = await limit.store.hit(key, limit.window)
    if (count > limit.max) {
      throw new RateLimited(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)))
    }
  }
}
