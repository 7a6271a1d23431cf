/**
 * The logger: every line starts with `[gatehouse][level][Code]`, so a code from a user's
 * `?error=` can be found in the logs. Apps replace any level through the `logger` option;
 * `debug` lines are printed only with `debug: true`.
 *
 * @module
 */
import type { LoggerInstance } from './types.js'

/** Writes one line per event to the console's error and warn streams. */
const consoleLogger: LoggerInstance = {
  error(code, metadata) {
    const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error
    const line = cause instanceof Error ? `${cause.name}: ${cause.message}` : ''
    console.error(`[gatehouse][error][${code}]`, line || metadata)
    if (cause instanceof Error && cause.cause instanceof Error) {
      console.error(`[gatehouse][error][${code}] caused by ${cause.cause.name}: ${cause.cause.message}`)
    }
  },
  warn(code) {
    console.warn(`[gatehouse][warn][${code}]`)
  },
  debug(code, metadata) {
    console.debug(`[gatehouse][debug][${code}]`, metadata ?? '')
  },
}

/**
 * Builds the engine's logger from the app's overrides.
 *
 * @example
 * ```ts
 * const logger = createLogger({ error: (code, meta) => sentry.capture(code, meta) }, false)
 * ```
 */
export function createLogger(
  overrides: Partial<LoggerInstance> | undefined,
  debug: boolean,
): LoggerInstance {
  const silentDebug: LoggerInstance['debug'] = () => {}
  return {
    error: overrides?.error ?? consoleLogger.error,
    warn: overrides?.warn ?? consoleLogger.warn,
    debug: debug ? (overrides?.debug ?? consoleLogger.debug) : silentDebug,
  }
}
