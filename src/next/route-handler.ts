/**
 * `NextAuth(options)`: the auth routes as a Next.js route handler (App Router) or API route
 * (Pages Router), served by the engine.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { Auth, validateOptions } from '../core/index.js'
import type { AuthOptions } from '../core/types.js'

/** The second argument Next passes to an App Router handler; `params` is a promise in Next 16. */
export interface AuthRouteContext {
  params: Promise<Record<string, string | string[] | undefined>> | Record<string, unknown>
}

/** A Pages Router API request: Next has already parsed `body` and `query`. */
export type PagesApiRequest = IncomingMessage & { body?: unknown; query?: Record<string, unknown> }

/** The handler `NextAuth(options)` returns; export it as `GET` and `POST`. */
export interface AuthRouteHandler {
  (request: Request, context?: AuthRouteContext): Promise<Response>
  (request: PagesApiRequest, response: ServerResponse): Promise<void>
}

/** Options per mount point: an object per base path keeps the engine's per-options cache. */
const mountedOptions = new WeakMap<AuthOptions, Map<string, AuthOptions>>()

/**
 * The options with `basePath` taken from where the catch-all route is mounted, when the app
 * did not set one: `app/auth/[...nextauth]/route.ts` serves `/auth/*` without configuration.
 */
function optionsForMount(options: AuthOptions, pathname: string, segments: unknown): AuthOptions {
  if (options.basePath !== undefined || !Array.isArray(segments) || segments.length === 0) {
    return options
  }
  const suffix = `/${segments.map(String).join('/')}`
  let decoded = pathname
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return options
  }
  if (!decoded.endsWith(suffix)) return options
  const basePath = decoded.slice(0, -suffix.length) || '/'
  if (basePath === '/api/auth') return options

  let byBasePath = mountedOptions.get(options)
  if (!byBasePath) mountedOptions.set(options, (byBasePath = new Map()))
  let mounted = byBasePath.get(basePath)
  if (!mounted) byBasePath.set(basePath, (mounted = { ...options, basePath }))
  return mounted
}

/** Turns a Pages Router request, whose body Next may already have parsed, into a `Request`. */
async function toWebRequest(request: PagesApiRequest): Promise<Request> {
  const forwardedProto = request.headers['x-forwarded-proto']
  const proto = (Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto) ?? 'http'
  const url = new URL(request.url ?? '/', `${proto}://${request.headers.host ?? 'localhost'}`)
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }

  const method = request.method ?? 'GET'
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers })

  let body: string
  if (typeof request.body === 'string') body = request.body
  else if (request.body && typeof request.body === 'object') {
    const type = headers.get('content-type') ?? ''
    body = type.includes('json')
      ? JSON.stringify(request.body)
      : new URLSearchParams(request.body as Record<string, string>).toString()
  } else {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    body = Buffer.concat(chunks).toString('utf8')
  }
  headers.delete('content-length')
  return new Request(url, { method, headers, body })
}

/** Writes an engine `Response` to a Node response, keeping every `Set-Cookie` header. */
async function sendWebResponse(response: Response, target: ServerResponse): Promise<void> {
  target.statusCode = response.status
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') target.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) target.setHeader('set-cookie', cookies)
  target.end(Buffer.from(await response.arrayBuffer()))
}

function isWebRequest(request: unknown): request is Request {
  return typeof Request !== 'undefined' && request instanceof Request
}

/**
 * Creates the handler of `app/api/auth/[...nextauth]/route.ts`. In the Pages Router, the same
 * handler is the default export of `pages/api/auth/[...nextauth].ts`.
 *
 * @example
 * ```ts
 * // app/api/auth/[...nextauth]/route.ts
 * import NextAuth from 'gatehouse'
 * import { authOptions } from '@/lib/auth'
 *
 * const handler = NextAuth(authOptions)
 * export { handler as GET, handler as POST }
 * ```
 */
export function NextAuth(options: AuthOptions): AuthRouteHandler {
  // Fail when the route module loads, naming the option, rather than on the first request.
  // `next build` loads route modules too, where runtime secrets are often not set yet.
  if (process.env.NEXT_PHASE !== 'phase-production-build') validateOptions(options)

  async function handler(
    request: Request | PagesApiRequest,
    second?: AuthRouteContext | ServerResponse,
  ): Promise<Response | undefined> {
    if (isWebRequest(request)) {
      const params = second && 'params' in second ? await second.params : undefined
      const mounted = optionsForMount(options, new URL(request.url).pathname, params?.nextauth)
      return Auth(request, mounted)
    }

    const response = second as ServerResponse
    const webRequest = await toWebRequest(request)
    const mounted = optionsForMount(
      options,
      new URL(webRequest.url).pathname,
      request.query?.nextauth,
    )
    await sendWebResponse(await Auth(webRequest, mounted), response)
    return undefined
  }
  return handler as AuthRouteHandler
}
