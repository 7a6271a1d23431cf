/**
 * Reads a node:http `IncomingMessage` as the engine's {@link AuthRequest}: headers are looked up
 * in `req.headers` as the engine asks for them, the body is read from the stream only for a
 * POST, and a Web `Request` is built only when app code asks for one.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http'
import { BODY_LIMIT, parseBody, type BodyFields } from '../core/body.js'
import { InvalidRequest } from '../core/errors.js'
import type { AuthRequest, HeaderReader } from '../core/internal.js'

/** How {@link fromNodeRequest} sees a request. */
export interface NodeRequestInit {
  /** The absolute URL of the request, e.g. `http://127.0.0.1:3000/api/auth/session`. */
  url: string
  /** The method, when it is not the request's own (a session read inside a POST route). */
  method?: string
  /** Header lookup; the request's own headers when absent. */
  headers?: HeaderReader
  /** The body as text; read from the stream, up to `bodyLimit` bytes, when absent. */
  readText?: () => Promise<string>
  /** The largest body read from the stream, in bytes. Default 64 KiB. */
  bodyLimit?: number
}

/**
 * The origin a plain node:http server was reached on: `https` on a TLS socket, `http`
 * otherwise, with the `Host` header. Proxies' `X-Forwarded-*` headers are left to the engine,
 * which trusts them only with `trustHost`.
 *
 * @example
 * ```ts
 * nodeOrigin(req) // 'http://127.0.0.1:3000'
 * ```
 */
export function nodeOrigin(req: IncomingMessage): string {
  const host = req.headers.host
  if (!host) throw new InvalidRequest('The request has no Host header.')
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true
  return `${encrypted ? 'https' : 'http'}://${host}`
}

/**
 * The absolute URL of a request on `origin`: its path and query, also when the client sent the
 * absolute form (`GET http://host/path HTTP/1.1`), whose own origin is ignored for `origin`.
 *
 * @example
 * ```ts
 * nodeUrl(req, nodeOrigin(req)) // 'http://127.0.0.1:3000/api/auth/session'
 * ```
 */
export function nodeUrl(req: IncomingMessage, origin: string): string {
  return targetUrl(req.url ?? '/', origin)
}

/** {@link nodeUrl} for a request target given as a string (Express's `originalUrl`). */
export function targetUrl(target: string, origin: string): string {
  if (target.startsWith('/')) return origin + target
  let parsed: URL
  try {
    parsed = new URL(target)
  } catch {
    throw new InvalidRequest('The request target is not a path or an absolute URL.')
  }
  return origin + parsed.pathname + parsed.search
}

/** A `HeaderReader` over `req.headers`, which node keys in lower case. */
export function nodeHeaders(req: {
  headers: Record<string, string | string[] | undefined>
}): HeaderReader {
  const { headers } = req
  return {
    get(name) {
      const value = headers[name.toLowerCase()]
      if (value === undefined) return null
      return Array.isArray(value) ? value.join(', ') : value
    },
  }
}

/** The 413 for a body over `limit` bytes. */
function tooLarge(limit: number): InvalidRequest {
  return new InvalidRequest(
    `The request body is larger than the auth routes accept (${limit} bytes).`,
    { status: 413 },
  )
}

/** Reads the body from the stream as UTF-8, refusing more than `limit` bytes with a 413. */
export async function readStream(req: IncomingMessage, limit = BODY_LIMIT): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(bytes)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The engine's request for `req`. A POST's body is read once, on the engine's first call; the
 * Web `Request` that `toRequest()` builds carries the same URL, method, headers and body.
 *
 * @example
 * ```ts
 * const answer = await handleAuth(fromNodeRequest(req, { url: nodeUrl(req, nodeOrigin(req)) }), options)
 * ```
 */
export function fromNodeRequest(req: IncomingMessage, init: NodeRequestInit): AuthRequest {
  const method = (init.method ?? req.method ?? 'GET').toUpperCase()
  const headers = init.headers ?? nodeHeaders(req)
  /** The body text once the engine has read it. */
  let bodyText: string | undefined
  let web: Request | undefined

  return {
    method,
    url: init.url,
    headers,
    async readBody(): Promise<BodyFields> {
      if (method !== 'POST') return {}
      bodyText ??= await (init.readText ? init.readText() : readStream(req, init.bodyLimit))
      return parseBody(bodyText, headers.get('content-type'))
    },
    toRequest(): Request {
      if (web) return web
      const copy = new Headers()
      for (const name of Object.keys(req.headers)) {
        const value = name === 'content-length' ? null : headers.get(name)
        if (value !== null) copy.set(name, value)
      }
      const hasBody = method !== 'GET' && method !== 'HEAD' && bodyText !== undefined
      web = new Request(init.url, { method, headers: copy, body: hasBody ? bodyText : undefined })
      return web
    },
  }
}
