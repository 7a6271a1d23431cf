/**
 * The engine through a real node:http server on 127.0.0.1: every request is a real HTTP
 * request with real Set-Cookie and Cookie headers, real Content-Length and real forwarded
 * headers, read back by a cookie-keeping client that does not follow redirects.
 */
import { createHash, randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { createRequire } from 'node:module'
import V4Credentials from 'next-auth/providers/credentials'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../../src/adapters/memory.js'
import { Auth } from '../../src/core/index.js'
import { decode } from '../../src/core/session/jwt.js'
import type { AuthOptions } from '../../src/core/types.js'
import {
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
} from '../helpers/engine.js'
import { serve } from '../helpers/http.js'

const SESSION = 'next-auth.session-token'
const servers: Array<{ close: () => Promise<void> }> = []

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

interface App {
  url: string
  store: MemoryStore
  options: AuthOptions
  errors: Array<{ code: string; metadata: unknown }>
  client(basePath?: string): Client
}

async function start(
  extra: Partial<AuthOptions> = {},
  adapterFor?: (store: MemoryStore) => AuthOptions['adapter'],
): Promise<App> {
  const store = createMemoryStore()
  const adapter = MemoryAdapter(store)
  for (const user of Object.values(USERS))
    await adapter.createUser({ ...user, email: user.email!, emailVerified: null })
  const { logger, errors } = recordingLogger()
  const options: AuthOptions = {
    secret: SECRET,
    providers: [passwordProvider()],
    logger,
    ...(adapterFor ? { adapter: adapterFor(store) } : {}),
    ...extra,
  }
  const server = await serve((request) => Auth(request, options))
  servers.push(server)
  return {
    url: server.url,
    store,
    options,
    errors,
    client: (basePath) => new Client(overHttp, server.url, basePath),
  }
}

/** A raw POST with an exact Content-Length, as a non-browser client sends it. */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function noStack(text: string): void {
  expect(text).not.toMatch(/\n\s+at /)
  expect(text).not.toContain('.ts:')
}

describe('over HTTP: the whole credentials round with JWT sessions', () => {
  it('providers, csrf, sign-in page, callback, session, update, sign-out', async () => {
    const app = await start({
      callbacks: {
        jwt: ({ token, trigger, session }) =>
          trigger === 'update' ? { ...token, plan: (session as { plan: string }).plan } : token,
        session: ({ session, token }) => ({ ...session, plan: token.plan ?? 'free' }),
      },
    })
    const client = app.client()
    const providers = (await (await client.fetch('providers')).json()) as Record<
      string,
      { callbackUrl: string }
    >
    expect(providers.credentials!.callbackUrl).toBe(`${app.url}/api/auth/callback/credentials`)

    const page = await client.fetch('signin')
    expect(page.status).toBe(200)
    const html = await page.text()
    const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(html)![1]!
    expect(client.cookies.get('next-auth.csrf-token')!.split('|')[0]).toBe(csrfToken)

    const signIn = await client.post('callback/credentials', {
      csrfToken,
      ...login('ada'),
      callbackUrl: '/home',
    })
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('location')).toBe(`${app.url}/home`)
    expect(decode({ token: client.cookies.get(SESSION)!, secret: SECRET })?.sub).toBe('user-ada')

    expect(await client.session()).toMatchObject({
      user: { email: 'ada@example.com' },
      plan: 'free',
    })
    const update = await client.postJson('session', { csrfToken, data: { plan: 'pro' } })
    expect(await update.json()).toMatchObject({ plan: 'pro' })
    expect(await client.session()).toMatchObject({ plan: 'pro' })

    const signOut = await client.post('signout', { csrfToken, callbackUrl: '/bye' })
    expect(signOut.headers.get('location')).toBe(`${app.url}/bye`)
    expect(await client.session()).toEqual({})
  })

  it('a failed sign-in redirects to the sign-in page with the code, and JSON with json=true', async () => {
    const app = await start()
    const client = app.client()
    const failed = await client.signIn({ username: 'ada', password: 'wrong' })
    expect(failed.status).toBe(302)
    expect(new URL(failed.headers.get('location')!).searchParams.get('error')).toBe(
      'CredentialsSignin',
    )
    const json = await client.signIn({ username: 'ada', password: 'wrong', json: 'true' })
    expect(new URL(((await json.json()) as { url: string }).url).searchParams.get('error')).toBe(
      'CredentialsSignin',
    )
    expect(client.cookies.has(SESSION)).toBe(false)
  })
})

describe('over HTTP: database sessions', () => {
  it('creates the row at sign-in, deletes it at sign-out', async () => {
    const app = await start({ session: { strategy: 'database' } }, (store) => MemoryAdapter(store))
    const client = app.client()
    await client.signIn(login('alan'))
    expect(app.store.sessions.size).toBe(1)
    expect(client.cookies.get(SESSION)).toBe([...app.store.sessions.keys()][0])
    expect(await client.session()).toMatchObject({ user: { email: 'alan@example.com' } })
    const csrfToken = await client.csrf()
    await client.post('signout', { csrfToken })
    expect(app.store.sessions.size).toBe(0)
  })

  it('an expired row is deleted on read and the cookie cleared', async () => {
    const app = await start({ session: { strategy: 'database' } }, (store) => MemoryAdapter(store))
    const client = app.client()
    await client.signIn(login('ada'))
    const token = client.cookies.get(SESSION)!
    await MemoryAdapter(app.store).updateSession({
      sessionToken: token,
      expires: new Date(Date.now() - 1000),
    })
    const response = await client.fetch('session')
    expect(await response.json()).toEqual({})
    expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
    expect(app.store.sessions.has(token)).toBe(false)
  })

  it('a throwing adapter answers 503 JSON with the code, logged, no stack', async () => {
    const app = await start({ session: { strategy: 'database' } }, (store) => ({
      ...MemoryAdapter(store),
      getSessionAndUser: () => {
        throw new Error('connection refused')
      },
    }))
    const client = app.client()
    client.cookies.set(SESSION, 'some-token')
    const response = await client.fetch('session')
    expect(response.status).toBe(503)
    const text = await response.text()
    noStack(text)
    expect(text).not.toContain('connection refused')
    expect(JSON.parse(text)).toMatchObject({ error: 'AdapterError' })
    expect(app.errors.map((entry) => entry.code)).toContain('AdapterError')
  })
})

describe('over HTTP: routes, methods and bodies', () => {
  it('unknown routes are 404 JSON and wrong methods 405 with Allow', async () => {
    const app = await start()
    const client = app.client()
    const unknown = await client.fetch('nope')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'UnknownAction' })
    const put = await client.fetch('session', { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
    const postCsrf = await client.fetch('csrf', { method: 'POST' })
    expect(postCsrf.headers.get('allow')).toBe('GET')
    const getCallback = await client.fetch('callback/credentials')
    expect(getCallback.status).toBe(405)
    expect(getCallback.headers.get('allow')).toBe('POST')
  })

  it('GET error and verify-request render pages', async () => {
    const app = await start()
    const client = app.client()
    expect((await client.fetch('error?error=AccessDenied')).status).toBe(403)
    expect((await client.fetch('verify-request')).status).toBe(200)
    const signout = await client.fetch('signout')
    expect(await signout.text()).toContain('name="csrfToken"')
  })

  it('an oversized body with a real Content-Length answers 413 on the session route', async () => {
    const app = await start()
    const response = await rawPost(
      `${app.url}/api/auth/session`,
      { 'content-type': 'application/json' },
      Buffer.alloc(80 * 1024, 0x20),
    )
    expect(response.status).toBe(413)
    expect(JSON.parse(response.body)).toMatchObject({ error: 'InvalidRequest' })
  })

  it('an oversized body with a real Content-Length answers 413 on the credentials callback', async () => {
    const app = await start()
    const response = await rawPost(
      `${app.url}/api/auth/callback/credentials`,
      { 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from(`username=ada&password=pw-ada&pad=${'x'.repeat(80 * 1024)}`),
    )
    expect(response.status).toBe(413)
  })

  it('an unread content type answers 415', async () => {
    const app = await start()
    const response = await rawPost(
      `${app.url}/api/auth/session`,
      { 'content-type': 'text/xml' },
      Buffer.from('<a/>'),
    )
    expect(response.status).toBe(415)
  })

  it('malformed JSON answers 400 InvalidRequest, not 500', async () => {
    const app = await start()
    const response = await rawPost(
      `${app.url}/api/auth/session`,
      { 'content-type': 'application/json' },
      Buffer.from('{"csrfToken":'),
    )
    expect(response.status).toBe(400)
    noStack(response.body)
  })
})

describe('over HTTP: CSRF attacks change nothing', () => {
  const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
  const attacks: Record<
    string,
    (client: Client) => Promise<{ fields: Record<string, string>; headers: Record<string, string> }>
  > = {
    'missing token': async (client) => (await client.csrf(), { fields: {}, headers: {} }),
    'wrong token': async (client) => (
      await client.csrf(),
      { fields: { csrfToken: randomBytes(32).toString('hex') }, headers: {} }
    ),
    'forged cookie': async (client) => {
      const token = randomBytes(32).toString('hex')
      client.cookies.set('next-auth.csrf-token', `${token}|${sha256(token)}`)
      return { fields: { csrfToken: token }, headers: {} }
    },
    'cross-origin Origin': async (client) => ({
      fields: { csrfToken: await client.csrf() },
      headers: { origin: 'https://evil.example' },
    }),
    'Sec-Fetch-Site cross-site': async (client) => ({
      fields: { csrfToken: await client.csrf() },
      headers: { 'sec-fetch-site': 'cross-site' },
    }),
    'Origin null': async (client) => ({
      fields: { csrfToken: await client.csrf() },
      headers: { origin: 'null' },
    }),
  }

  it.each(Object.keys(attacks))('%s: no sign-in, no sign-out', async (name) => {
    const app = await start({ session: { strategy: 'database' } }, (store) => MemoryAdapter(store))
    const attacker = app.client()
    const attack = await attacks[name]!(attacker)
    const signIn = await attacker.post(
      'callback/credentials',
      { ...attack.fields, ...login('ada') },
      attack.headers,
    )
    expect(signIn.headers.get('location')).toContain('error=MissingCSRF')
    expect(app.store.sessions.size).toBe(0)
    expect(attacker.cookies.has(SESSION)).toBe(false)

    const victim = app.client()
    await victim.signIn(login('alan'))
    const rows = [...app.store.sessions.keys()]
    const hit = await attacks[name]!(victim)
    const signOut = await victim.post('signout', hit.fields, hit.headers)
    expect(signOut.headers.get('location')).toContain('error=MissingCSRF')
    expect([...app.store.sessions.keys()]).toEqual(rows)
    expect(setCookies(signOut).some((cookie) => cookie.name === SESSION)).toBe(false)
    expect(await victim.session()).toMatchObject({ user: { email: 'alan@example.com' } })
  })
})

describe('over HTTP: off-site callback URLs fall back to the origin', () => {
  const forms = [
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    'https:evil.example',
    'http://evil.example',
    'javascript:alert(1)',
    'data:text/html,x',
    '%2F%2Fevil.example',
    'http://app@evil.example',
    `https://evil.example/${'a'.repeat(6000)}`,
  ]

  it.each(forms)('%j in callback/credentials and signout', async (callbackUrl) => {
    const app = await start()
    const client = app.client()
    const signIn = await client.signIn(login('ada', { callbackUrl }))
    expect(new URL(signIn.headers.get('location')!).origin).toBe(app.url)
    const csrfToken = await client.csrf()
    const signOut = await client.post('signout', { csrfToken, callbackUrl })
    expect(new URL(signOut.headers.get('location')!).origin).toBe(app.url)
  })
})

describe('over HTTP: proxies, NEXTAUTH_URL, secure cookies', () => {
  it('trustHost: X-Forwarded-Host/Proto decide the origin and the cookie prefixes', async () => {
    const app = await start({ trustHost: true })
    const forwarded = { 'x-forwarded-host': 'public.example', 'x-forwarded-proto': 'https' }
    const client = app.client()
    const providers = await client.fetch('providers', { headers: forwarded })
    expect(JSON.stringify(await providers.json())).toContain(
      'https://public.example/api/auth/signin/credentials',
    )
    const csrf = await client.fetch('csrf', { headers: forwarded })
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    expect(setCookie(csrf, '__Host-next-auth.csrf-token')?.attributes.secure).toBe(true)
    const signIn = await client.post(
      'callback/credentials',
      { csrfToken, ...login('ada') },
      { ...forwarded, origin: 'https://public.example' },
    )
    expect(signIn.headers.get('location')).toBe('https://public.example/')
    expect(setCookie(signIn, '__Secure-next-auth.session-token')?.attributes.secure).toBe(true)
  })

  it('without trustHost the forwarded headers are ignored', async () => {
    const app = await start()
    const forwarded = { 'x-forwarded-host': 'public.example', 'x-forwarded-proto': 'https' }
    const client = app.client()
    const providers = await client.fetch('providers', { headers: forwarded })
    const text = JSON.stringify(await providers.json())
    expect(text).not.toContain('public.example')
    const csrf = await client.fetch('csrf', { headers: forwarded })
    expect(setCookie(csrf, 'next-auth.csrf-token')).toBeDefined()
  })

  it('NEXTAUTH_URL with a path serves the routes there, on its origin, with secure cookies', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com/custom/auth')
    const app = await start()
    const client = app.client('/custom/auth')
    const providers = (await (await client.fetch('providers')).json()) as Record<
      string,
      { signinUrl: string }
    >
    expect(providers.credentials!.signinUrl).toBe(
      'https://app.example.com/custom/auth/signin/credentials',
    )
    const signIn = await client.signIn(login('ada'))
    expect(signIn.headers.get('location')).toBe('https://app.example.com/')
    expect(setCookie(signIn, '__Secure-next-auth.session-token')?.attributes.secure).toBe(true)
    expect(await client.session()).toMatchObject({ user: { email: 'ada@example.com' } })
    expect((await app.client().fetch('session')).status).toBe(404)
  })

  it('a basePath option serves the routes there', async () => {
    const app = await start({ basePath: '/auth' })
    const client = app.client('/auth')
    await client.signIn(login('ada'))
    expect(await client.session()).toMatchObject({ user: { email: 'ada@example.com' } })
  })
})

describe('over HTTP: a 10 KB session in chunked cookies', () => {
  it('round-trips through real Set-Cookie and Cookie headers, and shrinks back', async () => {
    const blob = randomBytes(5 * 1024).toString('hex')
    const app = await start({
      callbacks: {
        jwt: ({ token, user, trigger }) =>
          user ? { ...token, blob } : trigger === 'update' ? { ...token, blob: undefined } : token,
        session: ({ session, token }) => ({
          ...session,
          size: typeof token.blob === 'string' ? token.blob.length : 0,
        }),
      },
    })
    const client = app.client()
    const signIn = await client.signIn(login('ada'))
    const chunks = setCookies(signIn).filter((cookie) => cookie.name.startsWith(`${SESSION}.`))
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    expect(await client.session()).toMatchObject({ size: blob.length })
    const csrfToken = await client.csrf()
    const shrink = await client.postJson('session', { csrfToken, data: {} })
    expect(
      setCookies(shrink)
        .filter(isDeletion)
        .map((cookie) => cookie.name)
        .sort(),
    ).toEqual(chunks.map((cookie) => cookie.name).sort())
    expect([...client.cookies.keys()].filter((name) => name.startsWith(`${SESSION}.`))).toEqual([])
    expect(await client.session()).toMatchObject({ size: 0, user: { email: 'ada@example.com' } })
  })
})

/** next-auth v4's own handler, loaded by file path (its package does not export `./core`). */
interface V4Response {
  body?: unknown
  redirect?: string
  cookies?: Array<{ name: string; value: string }>
}
const v4Core = createRequire(import.meta.url)(
  `${process.cwd()}/node_modules/next-auth/core/index.js`,
) as {
  AuthHandler: (params: { req: Request; options: unknown }) => Promise<V4Response>
}

describe('migration: sessions made by a running next-auth v4 app stay valid', () => {
  const blob = randomBytes(3 * 1024).toString('hex')
  function v4Options(big: boolean) {
    return {
      secret: SECRET,
      providers: [
        V4Credentials({
          credentials: {},
          authorize: async () => ({
            id: 'user-ada',
            name: 'Ada Lovelace',
            email: 'ada@example.com',
          }),
        }),
      ],
      callbacks: {
        jwt: ({ token }: { token: Record<string, unknown> }) => (big ? { ...token, blob } : token),
      },
    }
  }

  async function signInWithV4(origin: string, big = false): Promise<Map<string, string>> {
    const options = v4Options(big)
    const jar = new Map<string, string>()
    const keep = (response: V4Response) => {
      for (const cookie of response.cookies ?? []) jar.set(cookie.name, cookie.value)
    }
    const header = () =>
      [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ')
    const csrf = await v4Core.AuthHandler({ req: new Request(`${origin}/api/auth/csrf`), options })
    keep(csrf)
    const { csrfToken } = csrf.body as { csrfToken: string }
    const signIn = await v4Core.AuthHandler({
      req: new Request(`${origin}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: header() },
        body: JSON.stringify({ csrfToken, json: 'true' }),
      }),
      options,
    })
    keep(signIn)
    return jar
  }

  it('a v4 session cookie and CSRF cookie work: session, update, sign-out', async () => {
    const app = await start({
      callbacks: {
        jwt: ({ token, trigger, session }) =>
          trigger === 'update' ? { ...token, plan: (session as { plan: string }).plan } : token,
        session: ({ session, token }) => ({ ...session, plan: token.plan }),
      },
    })
    vi.stubEnv('NEXTAUTH_URL', app.url)
    const jar = await signInWithV4(app.url)
    expect(jar.has(SESSION)).toBe(true)
    vi.stubEnv('NEXTAUTH_URL', undefined)
    const client = app.client()
    for (const [name, value] of jar) client.cookies.set(name, value)
    expect(await client.session()).toMatchObject({
      user: { name: 'Ada Lovelace', email: 'ada@example.com' },
    })

    const v4CsrfToken = jar.get('next-auth.csrf-token')!.split('|')[0]!
    const update = await client.postJson('session', {
      csrfToken: v4CsrfToken,
      data: { plan: 'pro' },
    })
    expect(update.status).toBe(200)
    expect(await client.session()).toMatchObject({ plan: 'pro' })
    const signOut = await client.post('signout', { csrfToken: v4CsrfToken })
    expect(signOut.status).toBe(302)
    expect(await client.session()).toEqual({})
  })

  it('a chunked v4 session (name.0, name.1, ...) is joined back', async () => {
    const app = await start({
      callbacks: {
        session: ({ session, token }) => ({ ...session, size: String(token.blob ?? '').length }),
      },
    })
    vi.stubEnv('NEXTAUTH_URL', app.url)
    const jar = await signInWithV4(app.url, true)
    vi.stubEnv('NEXTAUTH_URL', undefined)
    expect(jar.has(`${SESSION}.0`)).toBe(true)
    const client = app.client()
    for (const [name, value] of jar) client.cookies.set(name, value)
    expect(await client.session()).toMatchObject({
      size: blob.length,
      user: { email: 'ada@example.com' },
    })
  })

  it('rolling back works: v4 reads the session Gatehouse issued', async () => {
    const app = await start()
    const client = app.client()
    await client.signIn(login('ada'))
    vi.stubEnv('NEXTAUTH_URL', app.url)
    const session = await v4Core.AuthHandler({
      req: new Request(`${app.url}/api/auth/session`, {
        headers: { cookie: client.cookieHeader() },
      }),
      options: v4Options(false),
    })
    expect(session.body).toMatchObject({ user: { name: 'Ada Lovelace', email: 'ada@example.com' } })
  })
})
