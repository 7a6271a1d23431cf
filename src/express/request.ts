/**
 * Turns an Express request into the engine's request: the URL as the client saw it (honouring
 * the app's `trust proxy` setting), the headers, and the body, read here or re-encoded from what
 * a body parser already left in `req.body`. No Web `Request` is built unless app code asks for
 * one.
 *
 * @module
 */
import type { Request as ExpressRequest } from 'express'
import { InvalidRequest } from '../core/errors.js'
import type { AuthRequest, HeaderReader } from '../core/internal.js'
import { withHeaders } from '../core/request.js'
import { fromNodeRequest, nodeHeaders, readStream, targetUrl } from '../node/request.js'

/** The largest request body the auth routes read, in bytes, unless configured otherwise. */
export const DEFAULT_BODY_LIMIT = 64 * 1024

/**
 * Headers a proxy sets; dropped, because the URL built here already accounts for them as far as
 * the app's `trust proxy` setting allows, and the engine must not trust them beyond that.
 */
const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port']

type TrustProxyFn = (address: string | undefined, hop: number) => boolean

/**
 * The origin the client used, e.g. `https://app.example`. The scheme comes from `req.protocol`
 * and the host from `X-Forwarded-Host` only when the app trusts the proxy that sent it
 * (`app.set('trust proxy', ...)`), from `Host` otherwise; both Express 4 and 5 agree on this.
 */
export function requestOrigin(req: ExpressRequest): string {
  const trust = req.app.get('trust proxy fn') as TrustProxyFn | undefined
  const trusted = typeof trust === 'function' && trust(req.socket.remoteAddress, 0)

  let host = trusted ? req.get('x-forwarded-host') : undefined
  host = host ? (host.split(',')[0] ?? '').trim() : req.get('host')
  if (!host) throw new InvalidRequest('The request has no Host header.')

  return `${req.protocol}://${host}`
}

/** Whether a body parser installed before the auth router has already consumed the stream. */
function bodyWasParsed(req: ExpressRequest): boolean {
  const flagged = (req as ExpressRequest & { _body?: boolean })._body === true
  return flagged || req.readableEnded || (req.complete && !req.readable)
}

/** Encodes what a body parser left in `req.body` back into bytes of the request's content type. */
function reencodeParsedBody(req: ExpressRequest): string | Uint8Array | undefined {
  const parsed: unknown = req.body
  if (parsed === undefined || parsed === null) return undefined
  if (typeof parsed === 'string' || parsed instanceof Uint8Array) return parsed

  if (req.is('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams()
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
          form.append(name, String(item))
        }
      }
    }
    return form.toString()
  }
  if (req.is('application/json')) return JSON.stringify(parsed)
  return undefined
}

/**
 * The engine's request for an Express request: the URL as Express sees it, forwarded headers
 * dropped (the URL already accounts for them), `Host` agreeing with the URL, and the body read
 * from the stream or re-encoded from what a body parser left in `req.body`. With `path`, the
 * request is a `GET` of that path on the same origin (a session read from another route), and
 * `headers` replaces or removes (`null`) single headers.
 */
export function toAuthRequest(
  req: ExpressRequest,
  options: { bodyLimit?: number; path?: string; headers?: Record<string, string | null> } = {},
): AuthRequest {
  const origin = requestOrigin(req)
  const host = origin.slice(origin.indexOf('://') + 3)
  const target = options.path ?? req.originalUrl
  const url = targetUrl(target, origin)
  const sent = nodeHeaders(req)
  const seen: HeaderReader = {
    get(name) {
      const key = name.toLowerCase()
      if (key === 'host') return host
      return FORWARDED_HEADERS.includes(key) ? null : sent.get(key)
    },
  }
  const headers = options.headers ? withHeaders(seen, options.headers) : seen
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT
  return fromNodeRequest(req, {
    url,
    method: options.path === undefined ? undefined : 'GET',
    headers,
    readText: async () => {
      if (!bodyWasParsed(req)) return readStream(req, limit)
      const body = reencodeParsedBody(req)
      return typeof body === 'string' ? body : body ? Buffer.from(body).toString('utf8') : ''
    },
  })
}
