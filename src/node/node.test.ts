/**
 * `gatehouse/node` on real node:http servers on 127.0.0.1, called with real fetch: credentials
 * sign-in (form and JSON), the Web `Request` that `authorize` gets, body limits, a missing Host,
 * headers set before the handler, sign-out, `getSession` in app routes, trusted proxies, routing
 * errors and database sessions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  BASE,
  Client,
  isDeletion,
  login,
  overHttp,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookie,
  setCookies,
  USERS,
} from '../../test/helpers/engine.js'
import { createMemoryStore, MemoryAdapter } from '../adapters/memory.js'
import type { AuthOptions } from '../core/types.js'
import { getSession, NodeAuth, type NodeAuthConfig } from './index.js'

const SESSION = 'next-auth.session-token'
const DATABASE = { strategy: 'database' } as const
const ENV = ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST', 'NEXTAUTH_SECRET', 'AUTH_SECRET']

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>

const servers: Server[] = []

beforeAll(() => {
  for (const name of ENV) vi.stubEnv(name, undefined)
})

afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
})

async function listen(listener: Listener): Promise<string> {
  const server = createServer(listener)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** An app: the auth routes under `BASE`, and `/whoami` answering `getSession` as JSON. */
function app(options: AuthOptions, config?: NodeAuthConfig, before?: Listener): Listener {
  const auth = NodeAuth(options, config)
  return async (req, res) => {
    await before?.(req, res)
    if (req.url?.startsWith(`${BASE}/`)) return auth(req, res)
    if (req.url === '/whoami') {
      const session = await getSession(req, options)
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ session }))
      return
    }
    res.writeHead(404).end()
  }
}

function options(extra: Partial<AuthOptions> = {}): AuthOptions {
  // A recording logger keeps the expected failures' error lines out of the test output.
  const { logger } = recordingLogger()
  return { secret: SECRET, providers: [passwordProvider()], logger, ...extra }
}

/** A credentials sign-in from the app's own origin that asks for a JSON answer. */
async function postCredentials(client: Client, fields: Record<string, string>): Promise<Response> {
  const csrfToken = await client.csrf()
  const form = { csrfToken, json: 'true', ...fields }
  return client.post('callback/credentials', form, { Origin: client.origin })
}

/** Sends `text` over a plain TCP socket and resolves with everything the server answered. */
function rawRequest(origin: string, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), '127.0.0.1')
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
    socket.write(text)
  })
}

describe('NodeAuth with JWT sessions', () => {
  const seen: Request[] = []
  const authOptions = options({
    providers: [
      passwordProvider({
        authorize(credentials, request) {
          seen.push(request)
          const user = USERS[credentials?.username ?? '']
          return user && credentials?.password === `pw-${credentials?.username}` ? user : null
        },
      }),
    ],
  })
  let origin: string

  beforeAll(async () => {
    origin = await listen(app(authOptions))
  })

  it('signs in with a form post, then serves the session', async () => {
    const client = new Client(overHttp, origin)
    const csrf = await client.fetch('csrf')
    expect(csrf.status).toBe(200)
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    expect(client.cookies.get('next-auth.csrf-token')?.split('|')[0]).toBe(csrfToken)

    const signIn = await client.post(
      'callback/credentials',
      { csrfToken, json: 'true', ...login('ada') },
      { Origin: origin },
    )
    expect(signIn.status).toBe(200)
    expect(await signIn.json()).toEqual({ url: `${origin}/` })
    expect(setCookie(signIn, SESSION)?.attributes.httponly).toBe(true)

    const session = await client.session()
    expect(session.user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', image: null })
    expect(typeof session.expires).toBe('string')
  })

  it('refuses a wrong password with CredentialsSignin and sets no session cookie', async () => {
    const client = new Client(overHttp, origin)
    const response = await postCredentials(client, { username: 'ada', password: 'wrong' })
    expect(response.status).toBe(401)
    const { url } = (await response.json()) as { url: string }
    expect(new URL(url).searchParams.get('error')).toBe('CredentialsSignin')
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(await client.session()).toEqual({})
  })

  it('hands authorize() a Web Request with the URL, method, headers and body', async () => {
    seen.length = 0
    const client = new Client(overHttp, origin)
    const csrfToken = await client.csrf()
    await client.post(
      'callback/credentials',
      { csrfToken, ...login('alan') },
      { Origin: origin, 'X-Request-Id': 'r-42' },
    )

    expect(seen).toHaveLength(1)
    const request = seen[0]!
    expect(request).toBeInstanceOf(Request)
    expect(request.url).toBe(`${origin}${BASE}/callback/credentials`)
    expect(request.method).toBe('POST')
    expect(request.headers.get('x-request-id')).toBe('r-42')
    expect(request.headers.get('origin')).toBe(origin)
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded')
    expect(request.headers.get('cookie')).toContain('next-auth.csrf-token=')
    const fields = new URLSearchParams(await request.text())
    expect(fields.get('username')).toBe('alan')
    expect(fields.get('password')).toBe('pw-alan')
    expect(fields.get('csrfToken')).toBe(csrfToken)
  })

  it('accepts a JSON body for sign-in', async () => {
    const client = new Client(overHttp, origin)
    const csrfToken = await client.csrf()
    const response = await client.postJson(
      'callback/credentials',
      { csrfToken, ...login('alan') },
      { Origin: origin },
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: `${origin}/` })
    expect((await client.session()).user).toMatchObject({ email: 'alan@example.com' })
  })

  it('signs out with the CSRF token, and not without it', async () => {
    const client = new Client(overHttp, origin)
    await postCredentials(client, login('ada'))
    expect(client.cookies.has(SESSION)).toBe(true)
    const csrfToken = await client.csrf()

    const refused = await client.post('signout', { json: 'true' }, { Origin: origin })
    expect(refused.status).toBe(403)
    const { url } = (await refused.json()) as { url: string }
    expect(new URL(url).searchParams.get('error')).toBe('MissingCSRF')
    expect(setCookie(refused, SESSION)).toBeUndefined()
    expect((await client.session()).user).toMatchObject({ email: 'ada@example.com' })

    const signOut = await client.post('signout', { csrfToken, json: 'true' }, { Origin: origin })
    expect(signOut.status).toBe(200)
    const cleared = setCookie(signOut, SESSION)!
    expect(cleared.value).toBe('')
    expect(isDeletion(cleared)).toBe(true)
    expect(await client.session()).toEqual({})
  })

  it('getSession() in an app route reads the cookie and writes none', async () => {
    const signedOut = await fetch(`${origin}/whoami`)
    expect(await signedOut.json()).toEqual({ session: null })

    const client = new Client(overHttp, origin)
    await postCredentials(client, login('ada'))
    const whoami = await client.fetch('/whoami')
    expect(whoami.status).toBe(200)
    const { session } = (await whoami.json()) as { session: { user: unknown } | null }
    expect(session?.user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', image: null })
    expect(whoami.headers.getSetCookie()).toEqual([])
  })

  it('answers an unknown route with 404 JSON and a GET on a POST route with 405 and Allow', async () => {
    const unknown = await fetch(`${origin}${BASE}/nowhere`)
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/)
    expect(await unknown.json()).toMatchObject({ error: 'UnknownAction' })

    const wrongMethod = await fetch(`${origin}${BASE}/signin/credentials`)
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    expect(await wrongMethod.json()).toMatchObject({ error: 'MethodNotAllowed' })
  })

  it('answers a request without Host with 400 and keeps serving', async () => {
    const answer = await rawRequest(origin, `GET ${BASE}/session HTTP/1.0\r\n\r\n`)
    expect(answer).toMatch(/^HTTP\/1\.[01] 400 /)
    expect(answer).toContain('Bad request')

    const after = await fetch(`${origin}${BASE}/session`)
    expect(after.status).toBe(200)
    expect(await after.json()).toEqual({})
  })

  // HTTP/1.1 servers must accept an absolute-form target; its path is served on the origin.
  it('serves a request whose target is in absolute form', async () => {
    // NodeAuth as the whole server, so no app routing looks at the target first.
    const direct = await listen(NodeAuth(options()))
    const target = `http://elsewhere.example${BASE}/csrf`
    const host = new URL(direct).host
    const answer = await rawRequest(
      direct,
      `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 200 /)
    expect(answer).toContain('"csrfToken"')
  })
})

describe('NodeAuth after other code wrote headers', () => {
  it('keeps those headers and adds each engine cookie on its own line', async () => {
    const origin = await listen(
      app(options(), {}, async (_req, res) => {
        res.setHeader('X-Frame-Options', 'DENY')
        res.setHeader('Set-Cookie', 'a=1; Path=/')
      }),
    )
    const client = new Client(overHttp, origin)
    const signIn = await postCredentials(client, login('ada', { callbackUrl: `${origin}/home` }))
    expect(signIn.status).toBe(200)
    expect(signIn.headers.get('x-frame-options')).toBe('DENY')
    const lines = signIn.headers.getSetCookie()
    expect(lines[0]).toBe('a=1; Path=/')
    const names = setCookies(signIn).map((cookie) => cookie.name)
    expect(names).toEqual(expect.arrayContaining(['a', 'next-auth.callback-url', SESSION]))
    expect(lines.length).toBe(names.length)
    for (const line of lines.slice(1)) expect(line).not.toContain('a=1')
  })
})

describe('NodeAuth body limits', () => {
  const store = createMemoryStore()
  const authorized: string[] = []
  let origin: string

  beforeAll(async () => {
    const adapter = MemoryAdapter(store)
    await adapter.createUser({ ...USERS.ada!, email: USERS.ada!.email!, emailVerified: null })
    const provider = passwordProvider({
      authorize(credentials) {
        authorized.push(credentials?.username ?? '')
        return { ...USERS.ada! }
      },
    })
    const authOptions = options({ adapter, session: DATABASE, providers: [provider] })
    origin = await listen(app(authOptions, { bodyLimit: 1024 }))
  })

  it('answers 413 JSON to a body over bodyLimit and creates no session', async () => {
    const client = new Client(overHttp, origin)
    const response = await postCredentials(client, login('ada', { padding: 'x'.repeat(2000) }))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'InvalidRequest' })
    expect(setCookie(response, SESSION)).toBeUndefined()
    expect(authorized).toEqual([])
    expect(store.sessions.size).toBe(0)
    expect(store.users.size).toBe(1)

    // The same sign-in under the limit goes through, so the 413 is what stopped it.
    const accepted = await postCredentials(client, login('ada'))
    expect(accepted.status).toBe(200)
    expect(store.sessions.size).toBe(1)
  })

  it('answers 413 to a streamed body without Content-Length once it passes bodyLimit', async () => {
    const before = { rows: store.sessions.size, calls: authorized.length }
    const chunks = Array.from({ length: 8 }, () => new TextEncoder().encode('x'.repeat(600)))
    // Chunks arrive apart, so the limit is hit while the request is still being sent.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await delay(10)
        const chunk = chunks.shift()
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await fetch(`${origin}${BASE}/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect({ rows: store.sessions.size, calls: authorized.length }).toEqual(before)
  })

  it('answers 415 to a content type it does not read', async () => {
    const before = { rows: store.sessions.size, calls: authorized.length }
    const client = new Client(overHttp, origin)
    await client.csrf()
    const response = await client.fetch('callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', Origin: origin },
      body: '<login user="ada"/>',
    })
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchObject({ error: 'InvalidRequest' })
    expect({ rows: store.sessions.size, calls: authorized.length }).toEqual(before)
  })
})

describe('NodeAuth behind a proxy', () => {
  const proxied = { 'X-Forwarded-Host': 'app.example', 'X-Forwarded-Proto': 'https' }

  it.each([true, false])(
    'with trustHost %s, follows X-Forwarded-* only if trusted',
    async (trustHost) => {
      const origin = await listen(app(options({ trustHost })))
      const appOrigin = trustHost ? 'https://app.example' : origin
      const client = new Client(overHttp, origin)
      const csrf = await client.fetch('csrf', { headers: proxied })
      const { csrfToken } = (await csrf.json()) as { csrfToken: string }

      const signIn = await client.post(
        'callback/credentials',
        { csrfToken, ...login('ada') },
        { ...proxied, Origin: appOrigin },
      )
      expect(signIn.status).toBe(302)
      expect(signIn.headers.get('location')).toBe(`${appOrigin}/`)
      const cookies = [...setCookies(csrf), ...setCookies(signIn)]
      const names = cookies.map((cookie) => cookie.name)
      expect(names).toContain(trustHost ? '__Host-next-auth.csrf-token' : 'next-auth.csrf-token')
      expect(names).toContain(trustHost ? `__Secure-${SESSION}` : SESSION)
      for (const cookie of cookies) {
        expect(cookie.name.startsWith('__')).toBe(trustHost)
        expect(cookie.attributes.secure).toBe(trustHost ? true : undefined)
      }

      // getSession() reads the cookie of the same name through the same headers.
      const whoami = await client.fetch('/whoami', { headers: proxied })
      expect(await whoami.json()).toMatchObject({ session: { user: { email: 'ada@example.com' } } })
    },
  )
})

describe('NodeAuth with database sessions', () => {
  const store = createMemoryStore()
  let origin: string

  beforeAll(async () => {
    const adapter = MemoryAdapter(store)
    await adapter.createUser({ ...USERS.ada!, email: USERS.ada!.email!, emailVerified: null })
    origin = await listen(app(options({ adapter, session: DATABASE })))
  })

  it('stores a session row for a credentials sign-in and deletes it on sign-out', async () => {
    const client = new Client(overHttp, origin)
    const signIn = await postCredentials(client, login('ada'))
    expect(signIn.status).toBe(200)
    expect(store.sessions.size).toBe(1)
    const token = client.cookies.get(SESSION)!
    expect(store.sessions.get(token)?.userId).toBe(USERS.ada!.id)

    expect((await client.session()).user).toMatchObject({ email: 'ada@example.com' })
    const whoami = await client.fetch('/whoami')
    const { session } = (await whoami.json()) as { session: { user: { email: string } } | null }
    expect(session?.user.email).toBe('ada@example.com')

    const csrfToken = await client.csrf()
    const signOut = await client.post('signout', { csrfToken, json: 'true' }, { Origin: origin })
    expect(isDeletion(setCookie(signOut, SESSION)!)).toBe(true)
    expect(store.sessions.size).toBe(0)
    expect(await client.session()).toEqual({})
  })
})
