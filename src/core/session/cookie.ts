/**
 * Reads and writes the session cookie, chunked when the value is long.
 *
 * @module
 */
import { clearChunked, readChunked, writeChunked } from '../cookies.js'
import type { RequestContext } from '../internal.js'

/** The session cookie's value, joined from its chunks, or `undefined`. */
export function readSessionCookie(ctx: RequestContext): string | undefined {
  return readChunked(ctx.requestCookies, ctx.cookies.sessionToken.name)
}

/** Queues the session cookie, valid until `expires`. */
export function writeSessionCookie(ctx: RequestContext, value: string, expires: Date): void {
  const { name, options } = ctx.cookies.sessionToken
  ctx.setCookies.push(...writeChunked(ctx.requestCookies, name, value, { ...options, expires }))
}

/** Queues the deletion of the session cookie and all its chunks. */
export function clearSessionCookie(ctx: RequestContext): void {
  const { name, options } = ctx.cookies.sessionToken
  ctx.setCookies.push(...clearChunked(ctx.requestCookies, name, options))
}
