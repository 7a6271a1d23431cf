/**
 * What the Express, tRPC and TanStack Query suites share: a server on 127.0.0.1 port 0, a
 * browser-like HTTP client with a cookie jar, a credentials sign-in through the real routes, and
 * the options of a small app with a user and an admin.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AuthOptions, CredentialsConfig } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'

/** The people of the test app; the password is the name reversed. */
export const people = {
  ada: { id: 'user_ada', name: 'Ada', email: 'ada@example.test', role: 'USER' },
  grace: { id: 'user_grace', name: 'Grace', email: 'grace@example.test', role: 'ADMIN' },
} as const

/** A credentials provider that knows {@link people}, as an app writes it (NextAuth.js v4 shape). */
export function peopleProvider(): CredentialsConfig {
  return CredentialsProvider({
    name: 'Password',
    credentials: {
      username: { label: 'Username' },
      password: { label: 'Password', type: 'password' },
    },
    authorize(credentials) {
      const person = Object.values(people).find(
        (p) => p.name.toLowerCase() === credentials?.username,
      )
      if (!person || credentials?.password !== [...person.name.toLowerCase()].reverse().join('')) {
        return null
      }
      return { ...person }
    },
  }) as CredentialsConfig
}

/** JWT-session options whose session carries `user.id` and `user.role`. */
export function peopleOptions(extra: Partial<AuthOptions> = {}): AuthOptions {
  return {
    secret: 'a test secret that is long enough to derive keys from',
    providers: [peopleProvider()],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.role = (user as { role?: string }).role
        return token
      },
      session({ session, token }) {
        if (session.user) Object.assign(session.user, { id: token.sub, role: token.role })
        return session
      },
    },
    ...extra,
  }
}

/** Starts `server` on 127.0.0.1 port 0 and returns its origin. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}`
}

/** Stops `server`, closing idle keep-alive connections. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())))
}

/** An HTTP client that keeps cookies like a browser, never follows redirects, sends `Origin`. */
export class Browser {
  readonly cookies = new Map<string, string>()

  constructor(readonly origin: string) {}

  /** The `Cookie` header for the jar's current contents. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', this.cookieHeader())
    if (init.method && init.method !== 'GET' && !headers.has('origin'))
      headers.set('origin', this.origin)
    const response = await fetch(new URL(path, this.origin), {
      ...init,
      headers,
      redirect: 'manual',
    })
    this.store(response)
    return response
  }

  /** Takes the response's cookies into the jar; `Max-Age=0` or a past date deletes one. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0
        if (key.toLowerCase() === 'expires') return new Date(setting).getTime() <= Date.now()
        return false
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  get(path: string, accept = 'application/json'): Promise<Response> {
    return this.request(path, { headers: { accept } })
  }

  postForm(
    path: string,
    fields: Record<string, string>,
    headers: HeadersInit = {},
  ): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    })
  }

  async csrfToken(basePath: string): Promise<string> {
    const response = await this.get(`${basePath}/csrf`)
    const { csrfToken } = (await response.json()) as { csrfToken: string }
    return csrfToken
  }

  /** Signs in through `POST <basePath>/callback/credentials`; returns that response. */
  async signIn(
    basePath: string,
    username: string,
    password: string,
    callbackUrl = '/',
  ): Promise<Response> {
    const csrfToken = await this.csrfToken(basePath)
    return this.postForm(`${basePath}/callback/credentials`, {
      csrfToken,
      username,
      password,
      callbackUrl,
    })
  }

  async signOut(basePath: string): Promise<Response> {
    const csrfToken = await this.csrfToken(basePath)
    return this.postForm(`${basePath}/signout`, { csrfToken, callbackUrl: '/' })
  }

  async session(basePath: string): Promise<Record<string, unknown>> {
    return (await (await this.get(`${basePath}/session`)).json()) as Record<string, unknown>
  }
}

/** Reads a Node request into a Web `Request`. */
export async function webRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : [value ?? '']) headers.append(name, item)
  }
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks)
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body })
}

/** Writes a Web `Response` to a Node response. */
export async function send(res: ServerResponse, response: Response): Promise<void> {
  const cookies = response.headers.getSetCookie()
  const headers: Record<string, string | string[]> = Object.fromEntries(response.headers)
  if (cookies.length > 0) headers['set-cookie'] = cookies
  res.writeHead(response.status, headers)
  res.end(Buffer.from(await response.arrayBuffer()))
}
