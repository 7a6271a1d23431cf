/**
 * Runs one operation per key at a time in this process: callers that arrive while it runs,
 * and for a short while after it succeeded, share its result instead of starting another.
 *
 * @module
 */

interface Flight<T> {
  promise: Promise<T>
  /** Milliseconds since the epoch until which a settled success is still shared. */
  keepUntil: number
}

/**
 * A keyed single-flight group.
 *
 * @example
 * ```ts
 * const refreshes = new SingleFlight<TokenSet>(30_000)
 * const tokens = await refreshes.run(refreshToken, () => callTokenEndpoint(refreshToken))
 * ```
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Flight<T>>()
  readonly #retainMs: number

  /**
   * @param retainMs How long a success stays shared after it settled, so that a request that
   *   read the old state just before the result was stored still gets the result.
   */
  constructor(retainMs: number) {
    this.#retainMs = retainMs
  }

  /**
   * Runs `operation` for `key`, or joins the run already in flight or just finished.
   *
   * @example
   * ```ts
   * const [a, b] = await Promise.all([group.run('k', load), group.run('k', load)]) // one load
   * ```
   */
  run(key: string, operation: () => Promise<T>): Promise<T> {
    const now = Date.now()
    const existing = this.#flights.get(key)
    if (existing && existing.keepUntil > now) return existing.promise
    this.#sweep(now)

    const flight: Flight<T> = { promise: operation(), keepUntil: Number.POSITIVE_INFINITY }
    this.#flights.set(key, flight)
    flight.promise.then(
      () => {
        flight.keepUntil = Date.now() + this.#retainMs
      },
      () => {
        if (this.#flights.get(key) === flight) this.#flights.delete(key)
      },
    )
    return flight.promise
  }

  /**
   * Flights in progress or retained; for tests and diagnostics.
   *
   * @example
   * ```ts
   * group.size // 0 when idle
   * ```
   */
  get size(): number {
    return this.#flights.size
  }

  #sweep(now: number): void {
    for (const [key, flight] of this.#flights) {
      if (flight.keepUntil <= now) this.#flights.delete(key)
    }
  }
}
