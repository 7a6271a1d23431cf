/**
 * A real node:http server on 127.0.0.1 that serves a fetch-style handler, and a small cookie
 * jar client that follows the engine's redirects by hand. Shared by the end-to-end suites.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FetchHandler = (request: Request) => Promise<Response> | Response

/** Converts a Node request into a Web Request. */
export async function toWebRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item))
    else if (value !== undefined) headers.set(name, value)
  }
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  })
}

/** Starts `handler` on 127.0.0.1 on a free port. */
export async function serve(
  handler: FetchHandler,
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  let origin = ''
  const server = createServer(async (req, res) => {
    try {
      const response = await handler(await toWebRequest(req, origin))
      const headers: Record<string, string | string[]> = {}
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') headers[name] = value
      })
      const cookies = response.headers.getSetCookie()
      if (cookies.length > 0) headers['set-cookie'] = cookies
      res.writeHead(response.status, headers)
      res.end(Buffer.from(await response.arrayBuffer()))
    } catch (error) {
      res.writeHead(599)
      res.end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A browser-like client: keeps cookies per origin and never follows redirects itself. */
export class CookieClient {
  readonly cookies = new Map<string, string>()

  constructor(readonly origin: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const index = pair!.indexOf('=')
      const name = pair!.slice(0, index).trim()
      const value = pair!.slice(index + 1).trim()
      const expired = attributes.some((attribute) => {
        const [key, val] = attribute.trim().split('=')
        if (key!.toLowerCase() === 'max-age') return Number(val) <= 0
        if (key!.toLowerCase() === 'expires') return new Date(val!).getTime() <= Date.now()
        return false
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader())
    const response = await fetch(new URL(path, this.origin), {
      ...init,
      headers,
      redirect: 'manual',
    })
    this.store(response)
    return response
  }

  async csrfToken(basePath = '/api/auth'): Promise<string> {
    const response = await this.fetch(`${basePath}/csrf`)
    return ((await response.json()) as { csrfToken: string }).csrfToken
  }

  async post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    })
  }

  async session(basePath = '/api/auth'): Promise<Record<string, unknown>> {
    const response = await this.fetch(`${basePath}/session`)
    return (await response.json()) as Record<string, unknown>
  }
}
