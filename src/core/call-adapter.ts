/**
 * `callAdapter`: the one way the engine calls an adapter method.
 *
 * @module
 */
import { AdapterError } from './errors.js'

/**
 * Calls an adapter method, turning a throw into {@link AdapterError} with the cause attached,
 * so a database failure reaches the user as a clean error with a code, never a stack trace.
 *
 * @example
 * ```ts
 * const user = await callAdapter('getUser', () => adapter.getUser!(id))
 * ```
 */
export async function callAdapter<T>(method: string, call: () => T | PromiseLike<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw new AdapterError(`adapter.${method}() failed.`, { cause: error })
  }
}
