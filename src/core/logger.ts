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
      console.error(
        `[gatehouse][error][${code}] caused by ${cause.cause.name}: ${cause.cause.message}`,
      )
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
  // Called as methods of the app's logger, so a class instance keeps its `this`.
  const own = overrides
  return {
    error: own?.error ? (code, metadata) => own.error!(code, metadata) : consoleLogger.error,
    warn: own?.warn ? (code) => own.warn!(code) : consoleLogger.warn,
    debug: !debug
      ? silentDebug
      : own?.debug
        ? (code, metadata) => own.debug!(code, metadata)
        : consoleLogger.debug,
  }
}
