/**
 * `gatehouse/adapters/redis`: a Redis store for rate-limit counters, shared by every instance
 * of an app. It takes any client with an ioredis-style `eval`, so Gatehouse does not depend on
 * a Redis library.
 *
 * @module
 */
import type { RateLimitStore } from '../core/types.js'

/** The part of an ioredis client the store uses. */
export interface RedisEvalClient {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>
}

/** Counts a hit and starts the window on the first one, atomically. Returns [count, ms left]. */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`

/**
 * A fixed-window rate-limit store in Redis: one key per counter, expiring with its window.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis'
 * import { RedisRateLimitStore } from 'gatehouse/adapters/redis'
 *
 * export const authOptions = {
 *   providers: [...],
 *   trustHost: true,
 *   rateLimit: { window: 60, max: 5, store: new RedisRateLimitStore(new Redis(process.env.REDIS_URL!)) },
 * }
 * ```
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #client: RedisEvalClient
  readonly #prefix: string

  /** @param options.prefix Put before every key. Default `''` (keys start with `gatehouse:`). */
  constructor(client: RedisEvalClient, options: { prefix?: string } = {}) {
    this.#client = client
    this.#prefix = options.prefix ?? ''
  }

  async hit(key: string, windowSeconds: number): Promise<{ count: number; resetAt: number }> {
    const reply = await this.#client.eval(
      HIT_SCRIPT,
      1,
      `${this.#prefix}${key}`,
      windowSeconds * 1000,
    )
    if (!Array.isArray(reply) || reply.length !== 2) {
      throw new TypeError('The Redis client returned an unexpected reply to the rate-limit script.')
    }
    const [count, ttl] = reply.map(Number) as [number, number]
    return { count, resetAt: Date.now() + ttl }
  }
}
