/**
 * Cookie names, attributes, parsing and chunking. Names are those of NextAuth.js v4, with the
 * `__Secure-` prefix (and `__Host-` for the CSRF cookie) on HTTPS, so a migrating app's cookies
 * keep working. A value longer than a browser accepts in one cookie is split over `name.0`,
 * `name.1`, ... and joined back in order when read.
 *
 * @module
 */
import { parseCookie, stringifySetCookie } from 'cookie'
import type { SetCookie } from './internal.js'
import type { CookiesOptions } from './types.js'

/** Bytes a browser keeps per cookie, name and attributes included. */
const COOKIE_LIMIT = 4096
/** Room left for the name and attributes of a chunk. */
const ATTRIBUTE_ROOM = 200
/** The most characters of value one chunk carries. */
export const CHUNK_SIZE = COOKIE_LIMIT - ATTRIBUTE_ROOM
/** The most chunks read back; more is an attack or a bug, not a session. */
const MAX_CHUNKS = 16

/**
 * The default cookies for a plain-HTTP or an HTTPS origin.
 *
 * @example
 * ```ts
 * defaultCookies(true).sessionToken.name // '__Secure-next-auth.session-token'
 * ```
 */
export function defaultCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? '__Secure-' : ''
  const base = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure }
  const check = { ...base, maxAge: 15 * 60 }
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options: base },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options: base },
    csrfToken: { name: `${secure ? '__Host-' : ''}next-auth.csrf-token`, options: base },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: check },
    state: { name: `${prefix}next-auth.state`, options: check },
    nonce: { name: `${prefix}next-auth.nonce`, options: check },
  }
}

/**
 * Reads a `Cookie` header into a map. Malformed pairs are skipped, never thrown on.
 *
 * @example
 * ```ts
 * parseCookies(request.headers.get('cookie'))['next-auth.session-token']
 * ```
 */
export function parseCookies(header: string | null | undefined): Record<string, string> {
  if (!header) return {}
  const parsed = parseCookie(header)
  const cookies: Record<string, string> = {}
  for (const [name, value] of Object.entries(parsed)) {
    if (value !== undefined) cookies[name] = value
  }
  return cookies
}

/**
 * Writes one `Set-Cookie` header value.
 *
 * @example
 * ```ts
 * headers.append('Set-Cookie', serializeCookie({ name: 'a', value: 'b', options: { path: '/' } }))
 * ```
 */
export function serializeCookie(cookie: SetCookie): string {
  return stringifySetCookie(cookie.name, cookie.value, cookie.options)
}

/**
 * Reads a value that may have been split into chunks: `name` itself, or `name.0`, `name.1`, ...
 * joined in index order. A missing chunk in the middle makes the value unreadable (`undefined`).
 *
 * @example
 * ```ts
 * const jwe = readChunked(ctx.requestCookies, ctx.cookies.sessionToken.name)
 * ```
 */
export function readChunked(cookies: Record<string, string>, name: string): string | undefined {
  if (cookies[name] !== undefined) return cookies[name]
  if (cookies[`${name}.0`] === undefined) return undefined
  const chunks: string[] = []
  for (let index = 0; index < MAX_CHUNKS; index++) {
    const chunk = cookies[`${name}.${index}`]
    if (chunk === undefined) break
    chunks.push(chunk)
  }
  if (cookies[`${name}.${chunks.length}`] !== undefined) return undefined
  return chunks.join('')
}

/**
 * The cookies that store `value` under `name`: one cookie when it fits, chunks otherwise, plus
 * deletions of every stale chunk or unchunked cookie the request carried under that name.
 *
 * @example
 * ```ts
 * ctx.setCookies.push(...writeChunked(ctx.requestCookies, cookie.name, jwe, options))
 * ```
 */
export function writeChunked(
  requestCookies: Record<string, string>,
  name: string,
  value: string,
  options: SetCookie['options'],
): SetCookie[] {
  const written: SetCookie[] = []
  const chunks = splitEncoded(value)
  if (chunks.length === 1) {
    written.push({ name, value, options })
  } else {
    chunks.forEach((chunk, index) =>
      written.push({ name: `${name}.${index}`, value: chunk, options }),
    )
  }

  const kept = new Set(written.map((cookie) => cookie.name))
  for (const existing of Object.keys(requestCookies)) {
    if (kept.has(existing)) continue
    if (existing === name || isChunkOf(existing, name)) {
      written.push({ name: existing, value: '', options: { ...options, maxAge: 0 } })
    }
  }
  return written
}

/**
 * Deletes `name` and all its chunks that the request carried.
 *
 * @example
 * ```ts
 * ctx.setCookies.push(...clearChunked(ctx.requestCookies, cookie.name, cookie.options))
 * ```
 */
export function clearChunked(
  requestCookies: Record<string, string>,
  name: string,
  options: SetCookie['options'],
): SetCookie[] {
  const cleared: SetCookie[] = []
  for (const existing of Object.keys(requestCookies)) {
    if (existing === name || isChunkOf(existing, name)) {
      cleared.push({ name: existing, value: '', options: { ...options, maxAge: 0 } })
    }
  }
  if (cleared.length === 0) cleared.push({ name, value: '', options: { ...options, maxAge: 0 } })
  return cleared
}

/** Characters `encodeURIComponent` leaves as they are; the session JWE uses only these. */
const COOKIE_SAFE = /^[A-Za-z0-9\-_.!~*'()]*$/

/**
 * Splits a value so that each piece, once percent-encoded into a Set-Cookie line, stays within
 * {@link CHUNK_SIZE}, without cutting a character in two.
 */
function splitEncoded(value: string): string[] {
  if (COOKIE_SAFE.test(value)) {
    const chunks: string[] = []
    for (let start = 0; start < value.length || chunks.length === 0; start += CHUNK_SIZE) {
      chunks.push(value.slice(start, start + CHUNK_SIZE))
    }
    return chunks
  }
  const chunks: string[] = []
  let current = ''
  let size = 0
  for (const character of value) {
    const encoded = encodeURIComponent(character).length
    if (size + encoded > CHUNK_SIZE) {
      chunks.push(current)
      current = ''
      size = 0
    }
    current += character
    size += encoded
  }
  chunks.push(current)
  return chunks
}

function isChunkOf(candidate: string, name: string): boolean {
  return candidate.startsWith(`${name}.`) && /^\d+$/.test(candidate.slice(name.length + 1))
}
