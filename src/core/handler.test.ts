import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStore, MemoryAdapter } from '../adapters/memory.js'
import {
  BASE,
  Client,
  engine,
  login,
  ORIGIN,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookie,
  USERS,
} from '../../test/helpers/engine.js'
import { Auth } from './index.js'
import type { AuthOptions } from './types.js'

const ENV = [
  'NEXTAUTH_URL',
  'AUTH_URL',
  'NEXTAUTH_SECRET',
  'AUTH_SECRET',
  'AUTH_TRUST_HOST',
] as const

beforeEach(() => {
  for (const name of ENV) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

function options(extra: Partial<AuthOptions> = {}): AuthOptions {
  return { secret: SECRET, providers: [passwordProvider()], ...extra }
}

function hidden(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&')
}

async function call(opts: AuthOptions, path: string, init: RequestInit = {}): Promise<Response> {
  return Auth(new Request(new URL(path, ORIGIN), init), opts)
}

describe('GET providers', () => {
  it('lists every provider with its sign-in and callback URLs', async () => {
    const response = await call(options(), `${BASE}/providers`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({
      credentials: {
        id: 'credentials',
        name: 'Password',
        type: 'credentials',
        signinUrl: `${ORIGIN}${BASE}/signin/credentials`,
        callbackUrl: `${ORIGIN}${BASE}/callback/credentials`,
      },
    })
  })
})

describe('GET csrf', () => {
  it('answers a token and sets the cookie token|hash, HttpOnly, SameSite=Lax, Path=/', async () => {
    const response = await call(options(), `${BASE}/csrf`)
    const { csrfToken } = (await response.json()) as { csrfToken: string }
    expect(csrfToken).toMatch(/^[0-9a-f]{64}$/)
    const cookie = setCookie(response, 'next-auth.csrf-token')!
    expect(cookie.value.split('|')[0]).toBe(csrfToken)
    expect(cookie.value.split('|')[1]).toMatch(/^[0-9a-f]{64}$/)
    expect(cookie.attributes.httponly).toBe(true)
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax')
    expect(cookie.attributes.path).toBe('/')
    expect(cookie.attributes.secure).toBeUndefined()
  })

  it('keeps a genuine token and sets no new cookie', async () => {
    const client = new Client(engine(options()))
    const first = await client.csrf()
    const response = await client.fetch('csrf')
    expect(((await response.json()) as { csrfToken: string }).csrfToken).toBe(first)
    expect(setCookie(response, 'next-auth.csrf-token')).toBeUndefined()
  })
})

describe('GET|POST signin (the page)', () => {
  it.each(['GET', 'POST'])(
    '%s renders the built-in page with the CSRF token and the credentials fields',
    async (method) => {
      const client = new Client(engine(options()))
      const response = await client.fetch('signin', {
        method,
        ...(method === 'POST' && {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        }),
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
      const page = await response.text()
      const token = hidden(page, 'csrfToken')
      expect(client.cookies.get('next-auth.csrf-token')?.split('|')[0]).toBe(token)
      expect(page).toContain('name="username"')
      expect(page).toContain('name="password"')
      expect(page).toContain(`action="${BASE}/callback/credentials"`)
    },
  )

  it('puts a same-origin callbackUrl in the form, absolute', async () => {
    const response = await call(
      options(),
      `${BASE}/signin?callbackUrl=${encodeURIComponent('/dashboard?tab=1')}`,
    )
    expect(hidden(await response.text(), 'callbackUrl')).toBe(`${ORIGIN}/dashboard?tab=1`)
  })
})

describe('POST signin/:provider', () => {
  it('sends a credentials provider to the sign-in page (credentials post to their callback)', async () => {
    const client = new Client(engine(options()))
    const csrfToken = await client.csrf()
    const response = await client.post('signin/credentials', { csrfToken, callbackUrl: '/after' })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe(`${BASE}/signin`)
    expect(location.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/after`)
  })

  it('answers { url } with json=true', async () => {
    const client = new Client(engine(options()))
    const csrfToken = await client.csrf()
    const response = await client.post('signin/credentials', { csrfToken, json: 'true' })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { url: string }).url).toContain(`${BASE}/signin`)
  })

  it('an unknown provider goes to the sign-in page with ?error=UnknownProvider', async () => {
    const client = new Client(engine(options()))
    const csrfToken = await client.csrf()
    const response = await client.post('signin/nope', { csrfToken })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe(`${BASE}/signin`)
    expect(location.searchParams.get('error')).toBe('UnknownProvider')
  })
})

describe('callback/credentials, session, signout: the whole round', () => {
  it('signs in, reads the session, signs out', async () => {
    const client = new Client(engine(options()))
    const signIn = await client.signIn(login('ada', { callbackUrl: '/home' }))
    expect(signIn.status).toBe(302)
    expect(signIn.headers.get('location')).toBe(`${ORIGIN}/home`)
    const cookie = setCookie(signIn, 'next-auth.session-token')!
    expect(cookie.attributes.httponly).toBe(true)
    expect(String(cookie.attributes.samesite).toLowerCase()).toBe('lax')
    expect(cookie.attributes.path).toBe('/')
    expect(new Date(String(cookie.attributes.expires)).getTime()).toBeGreaterThan(
      Date.now() + 29 * 864e5,
    )

    const session = await client.session()
    expect(session.user).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com', image: null })
    expect(new Date(String(session.expires)).getTime()).toBeGreaterThan(Date.now() + 29 * 864e5)

    const page = await client.fetch('signout')
    expect(page.status).toBe(200)
    const csrfToken = hidden(await page.text(), 'csrfToken')!
    const signOut = await client.post('signout', { csrfToken, callbackUrl: '/bye' })
    expect(signOut.status).toBe(302)
    expect(signOut.headers.get('location')).toBe(`${ORIGIN}/bye`)
    expect(setCookie(signOut, 'next-auth.session-token')?.attributes['max-age']).toBe('0')
    expect(await client.session()).toEqual({})
  })

  it('GET session without a cookie answers {} and sets no cookie', async () => {
    const response = await call(options(), `${BASE}/session`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({})
    expect(response.headers.getSetCookie()).toEqual([])
  })

  it('HEAD session answers like GET', async () => {
    const response = await call(options(), `${BASE}/session`, { method: 'HEAD' })
    expect(response.status).toBe(200)
  })

  it('POST session with the CSRF token updates through the callbacks', async () => {
    const opts = options({
      callbacks: {
        jwt: ({ token, trigger, session }) =>
          trigger === 'update' ? { ...token, name: (session as { name: string }).name } : token,
        session: ({ session, token }) => ({
          ...session,
          user: { ...session.user, name: token.name },
        }),
      },
    })
    const client = new Client(engine(opts))
    await client.signIn(login('ada'))
    const csrfToken = await client.csrf()
    const response = await client.postJson('session', { csrfToken, data: { name: 'Countess' } })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { user: { name: string } }).user.name).toBe('Countess')
    expect(((await client.session()) as { user: { name: string } }).user.name).toBe('Countess')
  })
})

describe('GET error and GET verify-request', () => {
  it('renders the error page with the status of the code', async () => {
    const denied = await call(options(), `${BASE}/error?error=AccessDenied`)
    expect(denied.status).toBe(403)
    expect(denied.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const unknown = await call(options(), `${BASE}/error`)
    expect([200, 400, 500]).toContain(unknown.status)
    expect(await unknown.text()).toContain('<html')
  })

  it('does not reflect markup from ?error=', async () => {
    const response = await call(
      options(),
      `${BASE}/error?error=${encodeURIComponent('<script>alert(1)</script>')}`,
    )
    expect(await response.text()).not.toContain('<script>alert(1)</script>')
  })

  it('renders the verify-request page', async () => {
    const response = await call(options(), `${BASE}/verify-request?provider=email&type=email`)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('email')
  })
})

describe('unknown routes and wrong methods', () => {
  it.each([
    `${BASE}/nope`,
    `${BASE}`,
    `${BASE}/`,
    '/elsewhere/session',
    `${BASE}/session/extra`,
    `${BASE}/csrf/x`,
    `${BASE}/callback`,
    `${BASE}/signin/credentials/more`,
    `${BASE}/error/deep`,
  ])('%s -> 404 JSON UnknownAction', async (path) => {
    const response = await call(options(), path)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(((await response.json()) as { error: string }).error).toBe('UnknownAction')
  })

  it.each([
    ['PUT', 'session', 'GET, POST'],
    ['DELETE', 'session', 'GET, POST'],
    ['POST', 'csrf', 'GET'],
    ['POST', 'providers', 'GET'],
    ['DELETE', 'signin', 'GET, POST'],
    ['GET', 'signin/credentials', 'POST'],
    ['PUT', 'callback/credentials', 'GET, POST'],
    ['PATCH', 'signout', 'GET, POST'],
    ['POST', 'error', 'GET'],
    ['POST', 'verify-request', 'GET'],
  ])('%s %s -> 405 with Allow: %s', async (method, route, allow) => {
    const response = await call(options(), `${BASE}/${route}`, { method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(((await response.json()) as { error: string }).error).toBe('MethodNotAllowed')
  })

  it('a trailing slash (Next.js trailingSlash: true) reaches the same routes', async () => {
    const session = await call(options(), `${BASE}/session/`)
    expect(session.status).toBe(200)
    expect(await session.json()).toEqual({})
    expect((await call(options(), `${BASE}/csrf/`)).status).toBe(200)
    expect((await call(options(), `${BASE}/signin/`)).headers.get('content-type')).toMatch(
      /text\/html/,
    )
    const client = new Client(engine(options()))
    const csrfToken = await client.csrf()
    const signIn = await client.post(`${BASE}/callback/credentials/`, {
      csrfToken,
      ...login('ada'),
    })
    expect(signIn.status).toBe(302)
    expect(new URL(signIn.headers.get('location')!).searchParams.get('error')).toBeNull()
  })

  it('a path starting with // is not read as a host: //evil.example/api/auth/providers -> 404', async () => {
    const response = await call(options(), 'http://localhost:3000//evil.example/api/auth/providers')
    expect(response.status).toBe(404)
    const nested = await call(options(), 'http://localhost:3000//localhost:3000/api/auth/session')
    expect(nested.status).toBe(404)
  })

  it('GET callback/credentials -> 405 with Allow: POST (credentials are posted, not fetched)', async () => {
    const response = await call(options(), `${BASE}/callback/credentials`)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})

describe('the body parser', () => {
  async function signInWith(init: (csrfToken: string) => RequestInit) {
    const store = createMemoryStore()
    const opts = options()
    const client = new Client(engine(opts))
    const csrfToken = await client.csrf()
    const response = await client.fetch('callback/credentials', {
      method: 'POST',
      ...init(csrfToken),
    })
    return { response, client, store }
  }

  it('reads a URL-encoded form', async () => {
    const { response } = await signInWith((csrfToken) => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      body: new URLSearchParams({ csrfToken, ...login('ada') }).toString(),
    }))
    expect(response.status).toBe(302)
    expect(setCookie(response, 'next-auth.session-token')?.value).toBeTruthy()
  })

  it('reads JSON, and answers JSON { url }', async () => {
    const { response } = await signInWith((csrfToken) => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrfToken, ...login('ada'), callbackUrl: '/j' }),
    }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ url: `${ORIGIN}/j` })
    expect(setCookie(response, 'next-auth.session-token')?.value).toBeTruthy()
  })

  it('reads multipart form data', async () => {
    const { response } = await signInWith((csrfToken) => {
      const form = new FormData()
      for (const [name, value] of Object.entries({ csrfToken, ...login('ada') }))
        form.set(name, value)
      return { body: form }
    })
    expect(response.status).toBe(302)
    expect(setCookie(response, 'next-auth.session-token')?.value).toBeTruthy()
  })

  it('refuses malformed JSON and non-object JSON with InvalidRequest on the session route', async () => {
    for (const body of ['{not json', '[1,2]', '"x"', 'null']) {
      const response = await call(options(), `${BASE}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      expect(response.status).toBe(400)
      expect(((await response.json()) as { error: string }).error).toBe('InvalidRequest')
    }
  })

  it('answers 413 to an oversized body on an API route', async () => {
    const response = await call(options(), `${BASE}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: 'x'.repeat(70 * 1024) }),
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: string }).error).toBe('InvalidRequest')
  })

  it('answers 413 to an oversized body declared by Content-Length before reading it', async () => {
    const response = await call(options(), `${BASE}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      body: '{}',
    })
    expect(response.status).toBe(413)
  })

  it('answers 413 to an oversized body on the credentials callback too, and signs nobody in', async () => {
    const { response } = await signInWith((csrfToken) => ({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        csrfToken,
        ...login('ada'),
        pad: 'x'.repeat(70 * 1024),
      }).toString(),
    }))
    expect(setCookie(response, 'next-auth.session-token')).toBeUndefined()
    expect(response.status).toBe(413)
  })

  it('answers 415 to a content type it does not read', async () => {
    const response = await call(options(), `${BASE}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<a/>',
    })
    expect(response.status).toBe(415)
    expect(((await response.json()) as { error: string }).error).toBe('InvalidRequest')
  })

  it('answers 415 on the credentials callback too, and signs nobody in', async () => {
    const { response } = await signInWith(() => ({
      headers: { 'content-type': 'application/xml' },
      body: '<credentials/>',
    }))
    expect(setCookie(response, 'next-auth.session-token')).toBeUndefined()
    expect(response.status).toBe(415)
  })
})

describe('pages overrides', () => {
  const pages = {
    signIn: '/login',
    signOut: '/logout',
    error: '/oops',
    verifyRequest: '/check-email',
  }

  it('GET signin redirects to pages.signIn with the validated callbackUrl and the error', async () => {
    const response = await call(
      options({ pages }),
      `${BASE}/signin?callbackUrl=%2Fdash&error=CredentialsSignin`,
    )
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.origin + location.pathname).toBe(`${ORIGIN}/login`)
    expect(location.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/dash`)
    expect(location.searchParams.get('error')).toBe('CredentialsSignin')
  })

  it('GET signin never forwards an off-site callbackUrl to pages.signIn', async () => {
    const response = await call(
      options({ pages }),
      `${BASE}/signin?callbackUrl=${encodeURIComponent('https://evil.example/x')}`,
    )
    const location = new URL(response.headers.get('location')!)
    expect(new URL(location.searchParams.get('callbackUrl')!).origin).toBe(ORIGIN)
  })

  it('GET signout redirects to pages.signOut with callbackUrl', async () => {
    const response = await call(options({ pages }), `${BASE}/signout?callbackUrl=%2Fafter`)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/logout')
    expect(location.searchParams.get('callbackUrl')).toBe(`${ORIGIN}/after`)
  })

  it('GET error redirects to pages.error with the code', async () => {
    const response = await call(options({ pages }), `${BASE}/error?error=Verification`)
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/oops')
    expect(location.searchParams.get('error')).toBe('Verification')
  })

  it('GET verify-request redirects to pages.verifyRequest keeping its parameters', async () => {
    const response = await call(
      options({ pages }),
      `${BASE}/verify-request?provider=email&type=email`,
    )
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/check-email')
    expect(location.searchParams.get('provider')).toBe('email')
  })

  it('a failed credentials sign-in lands on pages.signIn?error=CredentialsSignin', async () => {
    const client = new Client(engine(options({ pages })))
    const response = await client.signIn({ username: 'ada', password: 'wrong' })
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/login')
    expect(location.searchParams.get('error')).toBe('CredentialsSignin')
  })

  it('a refusal by the signIn callback lands on pages.error?error=AccessDenied', async () => {
    const client = new Client(engine(options({ pages, callbacks: { signIn: () => false } })))
    const response = await client.signIn(login('ada'))
    const location = new URL(response.headers.get('location')!)
    expect(location.pathname).toBe('/oops')
    expect(location.searchParams.get('error')).toBe('AccessDenied')
  })
})

describe('basePath', () => {
  it('serves every route under a custom basePath and nothing under the default', async () => {
    const opts = options({ basePath: '/auth/' })
    const client = new Client(engine(opts), ORIGIN, '/auth')
    const providers = (await (await client.fetch('providers')).json()) as Record<
      string,
      { signinUrl: string }
    >
    expect(providers.credentials!.signinUrl).toBe(`${ORIGIN}/auth/signin/credentials`)
    const signIn = await client.signIn(login('ada'))
    expect(signIn.status).toBe(302)
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
    expect((await call(opts, `${BASE}/session`)).status).toBe(404)
  })

  it('links its pages under the basePath', async () => {
    const opts = options({ basePath: '/auth' })
    const page = await (await call(opts, '/auth/signin')).text()
    expect(page).toContain('action="/auth/callback/credentials"')
    const client = new Client(engine(opts), ORIGIN, '/auth')
    const failed = await client.signIn({ username: 'ada', password: 'no' })
    expect(new URL(failed.headers.get('location')!).pathname).toBe('/auth/signin')
  })

  it('refuses a basePath that does not start with /', () => {
    return expect(call(options({ basePath: 'auth' }), '/auth/session')).resolves.toHaveProperty(
      'status',
      500,
    )
  })
})

describe('NEXTAUTH_URL / AUTH_URL', () => {
  it('takes the origin from NEXTAUTH_URL, whatever host the request names', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com')
    const response = await Auth(new Request(`http://10.0.0.7:8080${BASE}/providers`), options())
    const body = (await response.json()) as Record<string, { signinUrl: string }>
    expect(body.credentials!.signinUrl).toBe(`https://app.example.com${BASE}/signin/credentials`)
  })

  it('takes it from AUTH_URL when NEXTAUTH_URL is not set', async () => {
    vi.stubEnv('AUTH_URL', 'https://auth-url.example')
    const response = await Auth(new Request(`http://internal${BASE}/providers`), options())
    const body = (await response.json()) as Record<string, { callbackUrl: string }>
    expect(body.credentials!.callbackUrl).toBe(
      `https://auth-url.example${BASE}/callback/credentials`,
    )
  })

  it('NEXTAUTH_URL wins over AUTH_URL', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://one.example')
    vi.stubEnv('AUTH_URL', 'https://two.example')
    const response = await Auth(new Request(`http://internal${BASE}/providers`), options())
    expect(JSON.stringify(await response.json())).toContain('https://one.example')
  })

  it('uses the path of NEXTAUTH_URL as the base path', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com/custom/auth')
    const opts = options()
    const response = await Auth(new Request('http://internal/custom/auth/providers'), opts)
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, { signinUrl: string }>
    expect(body.credentials!.signinUrl).toBe(
      'https://app.example.com/custom/auth/signin/credentials',
    )
    expect((await Auth(new Request(`http://internal${BASE}/providers`), opts)).status).toBe(404)
  })

  it('an https NEXTAUTH_URL gives __Secure- and __Host- cookies with Secure', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com')
    const client = new Client(engine(options()), 'http://internal')
    const signIn = await client.signIn(login('ada'))
    const session = setCookie(signIn, '__Secure-next-auth.session-token')!
    expect(session.attributes.secure).toBe(true)
    expect(client.cookies.has('__Host-next-auth.csrf-token')).toBe(true)
    expect(signIn.headers.get('location')).toBe('https://app.example.com/')
  })

  it('accepts a NEXTAUTH_URL without a scheme as https', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'app.example.com')
    const response = await Auth(new Request(`http://internal${BASE}/providers`), options())
    expect(JSON.stringify(await response.json())).toContain('https://app.example.com/')
  })
})

describe('trustHost and forwarded headers', () => {
  const forwarded = { 'x-forwarded-host': 'public.example', 'x-forwarded-proto': 'https' }

  it('with trustHost, takes the origin from X-Forwarded-Host and -Proto', async () => {
    const response = await call(options({ trustHost: true }), `${BASE}/providers`, {
      headers: forwarded,
    })
    const body = (await response.json()) as Record<string, { signinUrl: string }>
    expect(body.credentials!.signinUrl).toBe(`https://public.example${BASE}/signin/credentials`)
  })

  it('with trustHost, the first of several forwarded values is used', async () => {
    const response = await call(options({ trustHost: true }), `${BASE}/providers`, {
      headers: {
        'x-forwarded-host': 'first.example, proxy.internal',
        'x-forwarded-proto': 'https, http',
      },
    })
    expect(JSON.stringify(await response.json())).toContain('https://first.example/')
  })

  it('with trustHost on https, cookies are __Secure-/__Host-', async () => {
    const client = new Client(engine(options({ trustHost: true })))
    const csrf = await client.fetch('csrf', { headers: forwarded })
    const { csrfToken } = (await csrf.json()) as { csrfToken: string }
    const signIn = await client.post(
      'callback/credentials',
      { csrfToken, ...login('ada') },
      forwarded,
    )
    expect(signIn.headers.get('location')).toBe('https://public.example/')
    expect(client.cookies.has('__Host-next-auth.csrf-token')).toBe(true)
    expect(setCookie(signIn, '__Secure-next-auth.session-token')?.attributes.secure).toBe(true)
  })

  it('without trustHost, forwarded headers are ignored', async () => {
    const response = await call(options(), `${BASE}/providers`, { headers: forwarded })
    const text = JSON.stringify(await response.json())
    expect(text).not.toContain('public.example')
    expect(text).toContain(ORIGIN)
    const client = new Client(engine(options()))
    await client.fetch('csrf', { headers: forwarded })
    expect(client.cookies.has('next-auth.csrf-token')).toBe(true)
  })

  it('without trustHost, a forwarded host cannot steer the redirect after sign-in', async () => {
    const client = new Client(engine(options()))
    const response = await client.signIn(
      login('ada', { callbackUrl: 'https://public.example/x' }),
      'credentials',
      forwarded,
    )
    expect(new URL(response.headers.get('location')!).origin).toBe(ORIGIN)
  })

  it('AUTH_TRUST_HOST=true turns trustHost on', async () => {
    vi.stubEnv('AUTH_TRUST_HOST', 'true')
    const response = await call(options(), `${BASE}/providers`, { headers: forwarded })
    expect(JSON.stringify(await response.json())).toContain('https://public.example/')
  })

  it('reads X-Forwarded-Proto case-insensitively (schemes are case-insensitive)', async () => {
    const response = await call(options({ trustHost: true }), `${BASE}/providers`, {
      headers: { 'x-forwarded-host': 'public.example', 'x-forwarded-proto': 'HTTPS' },
    })
    expect(JSON.stringify(await response.json())).toContain('https://public.example/')
  })

  it('ignores a forwarded proto other than http or https', async () => {
    const response = await call(options({ trustHost: true }), `${BASE}/providers`, {
      headers: { 'x-forwarded-host': 'public.example', 'x-forwarded-proto': 'javascript' },
    })
    expect(JSON.stringify(await response.json())).not.toContain('javascript')
  })
})

describe('failures answer cleanly, never with a stack trace', () => {
  function brokenAdapter(method: string) {
    const adapter = MemoryAdapter()
    return {
      ...adapter,
      [method]: () => {
        throw new Error(`database is down (in ${method})`)
      },
    }
  }

  function noStack(text: string): void {
    expect(text).not.toMatch(/\n\s+at /)
    expect(text).not.toContain('database is down')
    expect(text).not.toContain('.ts:')
  }

  it('GET session with a throwing adapter: 503 JSON AdapterError, logged with the code', async () => {
    const { logger, errors } = recordingLogger()
    const opts = options({ adapter: brokenAdapter('getSessionAndUser'), logger })
    const response = await call(opts, `${BASE}/session`, {
      headers: { cookie: 'next-auth.session-token=abc' },
    })
    expect(response.status).toBe(503)
    const text = await response.text()
    noStack(text)
    expect(JSON.parse(text)).toMatchObject({ error: 'AdapterError' })
    expect(errors.map((entry) => entry.code)).toContain('AdapterError')
  })

  it('sign-in with a throwing createSession: redirect to the error page with the code, no cookie', async () => {
    const { logger, errors } = recordingLogger()
    const adapter = brokenAdapter('createSession')
    for (const user of Object.values(USERS))
      await adapter.createUser({ ...user, email: user.email!, emailVerified: null })
    const client = new Client(engine(options({ adapter, logger })))
    const response = await client.signIn(login('ada'))
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!)
    expect(location.searchParams.get('error')).toBe('AdapterError')
    expect(setCookie(response, 'next-auth.session-token')).toBeUndefined()
    noStack(await response.text())
    expect(errors.map((entry) => entry.code)).toContain('AdapterError')
  })

  it('sign-out with a throwing deleteSession: clean answer with the code', async () => {
    const { logger, errors } = recordingLogger()
    const opts = options({ adapter: brokenAdapter('deleteSession'), logger })
    const client = new Client(engine(opts))
    client.cookies.set('next-auth.session-token', 'abc')
    const csrfToken = await client.csrf()
    const response = await client.post('signout', { csrfToken })
    expect(response.status).toBeLessThan(500)
    noStack(await response.text())
    expect(errors.map((entry) => entry.code)).toContain('AdapterError')
  })

  it('sign-out still signs out when deleteSession throws (as NextAuth.js v4): cookie cleared, callbackUrl reached', async () => {
    const { logger, errors } = recordingLogger()
    const opts = options({ adapter: brokenAdapter('deleteSession'), logger })
    const client = new Client(engine(opts))
    client.cookies.set('next-auth.session-token', 'a-row-already-gone')
    const csrfToken = await client.csrf()
    const response = await client.post('signout', { csrfToken, callbackUrl: '/bye' })
    expect(setCookie(response, 'next-auth.session-token')?.attributes['max-age']).toBe('0')
    expect(response.headers.get('location')).toBe(`${ORIGIN}/bye`)
    expect(errors.length).toBeGreaterThan(0)
  })

  it('GET session with an expired row whose deleteSession throws (row removed concurrently) answers {}', async () => {
    const { logger } = recordingLogger()
    const adapter = brokenAdapter('deleteSession')
    await adapter.createUser({ id: 'u', email: 'u@example.com', emailVerified: null })
    await adapter.createSession({
      sessionToken: 'expired',
      userId: 'u',
      expires: new Date(Date.now() - 1000),
    })
    const response = await call(options({ adapter, logger }), `${BASE}/session`, {
      headers: { cookie: 'next-auth.session-token=expired' },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({})
    expect(setCookie(response, 'next-auth.session-token')?.attributes['max-age']).toBe('0')
  })

  it('Auth never rejects: even a failure while answering a failure gives a response', async () => {
    const opts = {
      ...options({ logger: recordingLogger().logger }),
      pages: { signIn: 'http://[not-a-host' },
    }
    const client = new Client(engine(opts))
    const response = await client
      .signIn({ username: 'ada', password: 'wrong' })
      .catch((error: unknown) => error)
    expect(response).toBeInstanceOf(Response)
    noStack(await (response as Response).text())
  })

  it('a throwing session callback: 500 JSON with a generic message, logged', async () => {
    const { logger, errors } = recordingLogger()
    const opts = options({
      logger,
      callbacks: {
        session: () => {
          throw new Error('database is down (in the session callback)')
        },
      },
    })
    const client = new Client(engine(opts))
    await client.signIn(login('ada'))
    const response = await client.fetch('session')
    expect(response.status).toBe(500)
    const text = await response.text()
    noStack(text)
    expect(JSON.parse(text)).toEqual({
      error: 'Default',
      message: 'The request could not be completed.',
    })
    expect(errors.length).toBeGreaterThan(0)
  })

  it('a throwing authorize() never shows its message or stack', async () => {
    const opts = options({
      logger: recordingLogger().logger,
      providers: [
        passwordProvider({
          authorize: () => {
            throw new Error('database is down (in authorize)')
          },
        }),
      ],
    })
    const client = new Client(engine(opts))
    const response = await client.signIn(login('ada'))
    noStack(response.headers.get('location')!)
    noStack(await response.text())
  })

  it('a malformed Host-derived URL with trustHost answers 400, not 500', async () => {
    const response = await call(
      options({ trustHost: true, logger: recordingLogger().logger }),
      `${BASE}/session`,
      {
        headers: { 'x-forwarded-host': 'a b<>', 'x-forwarded-proto': 'https' },
      },
    )
    expect(response.status).toBeLessThan(500)
  })
})
