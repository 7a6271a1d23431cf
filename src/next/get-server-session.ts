/**
 * `getServerSession()`: the session of the current request in server components, route
 * handlers and server actions, read through the engine's own `/session` route so that it is
 * exactly what the client would get, refresh included.
 *
 * @module
 */
import type { ServerResponse } from 'node:http'

import { cookies, headers } from 'next/headers'

import { handleAuth } from '../core/handler.js'
import type { HeaderReader } from '../core/internal.js'
import { sessionOfAnswer } from '../core/response.js'
import { getRequest } from '../core/request.js'
import { nodeHeaders } from '../node/request.js'
import { appendSetCookies } from '../node/response.js'
import type { AuthOptions, Session } from '../core/types.js'
import { parseSetCookie } from './set-cookie.js'
import type { PagesApiRequest } from './route-handler.js'

/** The path of the session route for these options, e.g. `/api/auth/session`. */
function sessionPath(options: AuthOptions): string {
  return `${(options.basePath ?? '/api/auth').replace(/\/+$/, '')}/session`
}

/** The origin the browser used, from the `Host` header and, behind a proxy, `X-Forwarded-*`. */
function requestOrigin(read: (name: string) => string | null | undefined): string {
  const host = read('x-forwarded-host') ?? read('host') ?? 'localhost'
  const proto = read('x-forwarded-proto')?.split(',')[0]?.trim() ?? 'http'
  return `${proto}://${host.split(',')[0]?.trim()}`
}

/** Reads the session in the App Router, writing refreshed cookies where Next allows it. */
async function appRouterSession(options: AuthOptions): Promise<Session | null> {
  const headerList = await headers()
  const cookieStore = await cookies()

  // The cookie store, not the Cookie header, reflects cookies set earlier in this request.
  const cookieHeader = cookieStore
    .getAll()
    .map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`)
    .join('; ')
  const read: HeaderReader = {
    get: (name) => (name.toLowerCase() === 'cookie' ? cookieHeader || null : headerList.get(name)),
  }
  const url = `${requestOrigin((name) => headerList.get(name))}${sessionPath(options)}`
  const answer = await handleAuth(
    getRequest(url, read, () => {
      const copy = new Headers(headerList)
      if (cookieHeader) copy.set('cookie', cookieHeader)
      else copy.delete('cookie')
      return new Request(url, { headers: copy })
    }),
    options,
  )

  for (const header of answer.cookies) {
    const cookie = parseSetCookie(header)
    if (!cookie) continue
    try {
      cookieStore.set(cookie.name, cookie.value, cookie.options)
    } catch {
      // Server components cannot write cookies; the next route handler or action will.
      break
    }
  }
  return sessionOfAnswer(answer)
}

/** Reads the session in the Pages Router, appending refreshed cookies to the response. */
async function pagesRouterSession(
  request: PagesApiRequest | { headers: Record<string, string | string[] | undefined> },
  response:
    | ServerResponse
    | { setHeader?: ServerResponse['setHeader']; getHeader?: ServerResponse['getHeader'] },
  options: AuthOptions,
): Promise<Session | null> {
  const source = request.headers
  const read = nodeHeaders(request)
  const url = `${requestOrigin((name) => read.get(name))}${sessionPath(options)}`
  const answer = await handleAuth(
    getRequest(url, read, () => {
      const copy = new Headers()
      for (const [name, value] of Object.entries(source)) {
        if (Array.isArray(value)) for (const item of value) copy.append(name, item)
        else if (value !== undefined) copy.set(name, value)
      }
      return new Request(url, { headers: copy })
    }),
    options,
  )

  if (response.setHeader) {
    appendSetCookies(
      {
        setHeader: response.setHeader.bind(response),
        getHeader: response.getHeader?.bind(response),
      },
      answer.cookies,
    )
  }
  return sessionOfAnswer(answer)
}

/**
 * Reads the current session on the server, or `null` when signed out. In route handlers and
 * server actions it also writes the refreshed session cookie; in server components, which
 * cannot set cookies, it only reads. The Pages Router form takes `(req, res, options)`.
 *
 * @example
 * ```tsx
 * // app/dashboard/page.tsx
 * const session = await getServerSession(authOptions)
 * if (!session) redirect('/login')
 * return <h1>Welcome, {session.user?.name}</h1>
 * ```
 */
export async function getServerSession(options: AuthOptions): Promise<Session | null>
export async function getServerSession(
  request: PagesApiRequest | { headers: Record<string, string | string[] | undefined> },
  response: ServerResponse | { setHeader?: ServerResponse['setHeader'] },
  options: AuthOptions,
): Promise<Session | null>
export async function getServerSession(
  ...args:
    | [AuthOptions]
    | [
        PagesApiRequest | { headers: Record<string, string | string[] | undefined> },
        ServerResponse | { setHeader?: ServerResponse['setHeader'] },
        AuthOptions,
      ]
): Promise<Session | null> {
  if (args.length === 1) return appRouterSession(args[0])
  return pagesRouterSession(args[0], args[1], args[2])
}
