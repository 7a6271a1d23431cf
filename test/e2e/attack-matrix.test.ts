/**
 * The engine's attack matrix, one row a case, through a real HTTP server: each row asserts the
 * status, the error code, and that no user, account, session or verification token was created
 * or changed. The OAuth rows (state, PKCE, nonce, ID tokens) are in oauth-attacks.test.ts and
 * the magic-link rows in email.test.ts, against a real OpenID provider and SMTP server.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryStore, MemoryAdapter } from '../../src/adapters/memory.js'
import { Auth } from '../../src/core/index.js'
import { encode } from '../../src/core/session/jwt.js'
import type { AuthOptions } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'
import { CookieClient, serve } from '../helpers/http.js'

const secret = 'attack-matrix-secret'
const SESSION = 'next-auth.session-token'

function snapshot(store: ReturnType<typeof createMemoryStore>): string {
  return JSON.stringify({
    users: [...store.users.values()],
    accounts: [...store.accounts.values()],
    sessions: [...store.sessions.values()],
    tokens: [...store.verificationTokens.values()],
  })
}

/** A JWE like ours but with a header of the attacker's choosing, encrypted with the real key. */
function forgeWithHeader(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const key = Buffer.from(
    hkdfSync('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32),
  )
  const protectedHeader = Buffer.from(JSON.stringify(header)).toString('base64url')
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(protectedHeader))
  const body = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()])
  return [
    protectedHeader,
    '',
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.')
}

const offSite = [
  '//evil.example/x',
  '/\\evil.example',
  '/\t/evil.example',
  '\\\\evil.example',
  'https:evil.example',
  'http://evil.example',
  'HTTPS://EVIL.EXAMPLE',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'http://127.0.0.1.evil.example',
  `http://user@evil.example`,
  '///evil.example',
  '/%09/evil.example',
  'http://evil.example/'.padEnd(5000, 'a'),
]

describe.each(['jwt', 'database'] as const)('attack matrix, %s sessions', (strategy) => {
  const store = createMemoryStore()
  const options: AuthOptions = {
    secret,
    adapter: MemoryAdapter(store),
    session: { strategy },
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
    providers: [
      CredentialsProvider({
        credentials: {
          username: { label: 'User' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: async (credentials) =>
          credentials?.username === 'ada' && credentials.password === 'right'
            ? { id: 'user-ada', name: 'Ada', email: 'ada@example.test' }
            : null,
      }),
      { id: 'email', name: 'Email', type: 'email', sendVerificationRequest: async () => {} },
    ],
  }
  let server: Awaited<ReturnType<typeof serve>>
  let victim: CookieClient

  beforeAll(async () => {
    await options.adapter!.createUser!({
      id: 'user-ada',
      email: 'ada@example.test',
      emailVerified: null,
      name: 'Ada',
    })
    server = await serve((request) => Auth(request, options))
    victim = new CookieClient(server.url)
    const csrfToken = await victim.csrfToken()
    const signedIn = await victim.post('/api/auth/callback/credentials', {
      csrfToken,
      username: 'ada',
      password: 'right',
    })
    expect(signedIn.status).toBe(302)
    expect((await victim.session()).user).toMatchObject({ name: 'Ada' })
  })
  afterAll(() => server.close())

  /** Runs `attack` and asserts it changed no row and left the victim signed in. */
  async function unchanged<T>(attack: () => Promise<T>): Promise<T> {
    const before = snapshot(store)
    const result = await attack()
    expect(snapshot(store)).toBe(before)
    return result
  }

  const csrfRows: Array<[string, (attacker: CookieClient) => Promise<Response>]> = [
    [
      'missing token',
      async (attacker) => {
        await attacker.csrfToken()
        return attacker.post('/api/auth/callback/credentials', {
          username: 'ada',
          password: 'right',
        })
      },
    ],
    [
      'wrong token',
      async (attacker) => {
        await attacker.csrfToken()
        return attacker.post('/api/auth/callback/credentials', {
          csrfToken: 'f'.repeat(64),
          username: 'ada',
          password: 'right',
        })
      },
    ],
    [
      'token of another session',
      async (attacker) => {
        await attacker.csrfToken()
        const other = new CookieClient(server.url)
        const foreign = await other.csrfToken()
        return attacker.post('/api/auth/callback/credentials', {
          csrfToken: foreign,
          username: 'ada',
          password: 'right',
        })
      },
    ],
    [
      'cookie forged without the secret',
      async (attacker) => {
        attacker.cookies.set(
          'next-auth.csrf-token',
          encodeURIComponent(`${'a'.repeat(64)}|${'b'.repeat(64)}`),
        )
        return attacker.post('/api/auth/callback/credentials', {
          csrfToken: 'a'.repeat(64),
          username: 'ada',
          password: 'right',
        })
      },
    ],
    [
      'cross-origin Origin',
      async (attacker) => {
        const csrfToken = await attacker.csrfToken()
        return attacker.post(
          '/api/auth/callback/credentials',
          { csrfToken, username: 'ada', password: 'right' },
          { origin: 'http://evil.example' },
        )
      },
    ],
    [
      'opaque Origin null',
      async (attacker) => {
        const csrfToken = await attacker.csrfToken()
        return attacker.post(
          '/api/auth/callback/credentials',
          { csrfToken, username: 'ada', password: 'right' },
          { origin: 'null' },
        )
      },
    ],
    [
      'Sec-Fetch-Site cross-site',
      async (attacker) => {
        const csrfToken = await attacker.csrfToken()
        return attacker.post(
          '/api/auth/callback/credentials',
          { csrfToken, username: 'ada', password: 'right' },
          { 'sec-fetch-site': 'cross-site' },
        )
      },
    ],
    [
      'email sign-in without token',
      async (attacker) => {
        await attacker.csrfToken()
        return attacker.post('/api/auth/signin/email', { email: 'ada@example.test' })
      },
    ],
  ]

  it.each(csrfRows)(
    'CSRF on sign-in, %s: 302 to ?error=MissingCSRF, nothing written',
    async (_name, attack) => {
      const attacker = new CookieClient(server.url)
      const response = await unchanged(() => attack(attacker))
      expect(response.status).toBe(302)
      expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(
        'MissingCSRF',
      )
      expect(attacker.cookies.has(SESSION)).toBe(false)
    },
  )

  it('CSRF on sign-out: a forged POST leaves the victim signed in', async () => {
    const response = await unchanged(() =>
      victim.post('/api/auth/signout', { csrfToken: 'forged' }, { origin: 'http://evil.example' }),
    )
    expect(response.status).toBe(302)
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('MissingCSRF')
    expect((await victim.session()).user).toMatchObject({ name: 'Ada' })
  })

  it('CSRF on session update: 403 JSON MissingCSRF and the session is unchanged', async () => {
    const response = await unchanged(() =>
      victim.fetch('/api/auth/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ csrfToken: 'forged', data: { name: 'Mallory' } }),
      }),
    )
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'MissingCSRF' })
    expect((await victim.session()).user).toMatchObject({ name: 'Ada' })
  })

  it.each(offSite)(
    'off-site callbackUrl %j never leaves the origin in any redirect',
    async (target) => {
      const client = new CookieClient(server.url)
      const csrfToken = await client.csrfToken()

      const signedIn = await client.post('/api/auth/callback/credentials', {
        csrfToken,
        username: 'ada',
        password: 'right',
        callbackUrl: target,
      })
      expect(new URL(signedIn.headers.get('location')!).origin).toBe(server.url)

      const page = await client.fetch(`/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`)
      const hidden = (await page.text()).match(/name="callbackUrl" value="([^"]*)"/)![1]!
      expect(new URL(hidden.replaceAll('&amp;', '&')).origin).toBe(server.url)

      const signedOut = await client.post('/api/auth/signout', { csrfToken, callbackUrl: target })
      expect(new URL(signedOut.headers.get('location')!).origin).toBe(server.url)
    },
  )

  const jwtOnly = strategy === 'jwt'
  const goodToken = () => encode({ token: { sub: 'user-ada', name: 'Ada' }, secret })
  const tamperRows: Array<[string, () => string | Record<string, string>]> = [
    [
      'a bit flipped in the ciphertext',
      () => {
        const parts = goodToken().split('.')
        parts[3] = (parts[3]![0] === 'A' ? 'B' : 'A') + parts[3]!.slice(1)
        return parts.join('.')
      },
    ],
    [
      'a bit flipped in the tag',
      () => {
        const parts = goodToken().split('.')
        parts[4] = (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1)
        return parts.join('.')
      },
    ],
    ['truncated', () => goodToken().slice(0, -5)],
    [
      'header swapped to alg none',
      () => {
        const parts = goodToken().split('.')
        parts[0] = Buffer.from(JSON.stringify({ alg: 'none', enc: 'A256GCM' })).toString(
          'base64url',
        )
        return parts.join('.')
      },
    ],
    [
      're-encrypted with another enc in the header',
      () => forgeWithHeader({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' }, { sub: 'user-ada' }),
    ],
    [
      'a token of another secret',
      () => encode({ token: { sub: 'user-ada' }, secret: 'another-secret' }),
    ],
    [
      'expired',
      () =>
        forgeWithHeader(
          { alg: 'dir', enc: 'A256GCM' },
          { sub: 'user-ada', exp: Math.floor(Date.now() / 1000) - 60 },
        ),
    ],
    [
      'an unsigned JWT',
      () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"user-ada"}').toString('base64url')}.`,
    ],
    [
      'a chunk missing',
      () => {
        const long = encode({ token: { sub: 'user-ada', padding: 'x'.repeat(9000) }, secret })
        return { [`${SESSION}.0`]: long.slice(0, 3896), [`${SESSION}.2`]: long.slice(7792) }
      },
    ],
    [
      'chunks reordered',
      () => {
        const long = encode({ token: { sub: 'user-ada', padding: 'x'.repeat(9000) }, secret })
        return {
          [`${SESSION}.0`]: long.slice(3896, 7792),
          [`${SESSION}.1`]: long.slice(0, 3896),
          [`${SESSION}.2`]: long.slice(7792),
        }
      },
    ],
    ['a 12 KB cookie', () => 'A'.repeat(12_000)],
  ]

  it.skipIf(!jwtOnly).each(tamperRows)(
    'session cookie %s reads as no session and is cleared',
    async (_name, forge) => {
      const attacker = new CookieClient(server.url)
      const forged = forge()
      if (typeof forged === 'string') attacker.cookies.set(SESSION, forged)
      else for (const [name, value] of Object.entries(forged)) attacker.cookies.set(name, value)
      const response = await unchanged(() => attacker.fetch('/api/auth/session'))
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({})
      expect([...attacker.cookies.keys()].some((name) => name.startsWith(SESSION))).toBe(false)
    },
  )

  it.skipIf(jwtOnly)(
    'a guessed or foreign database session token reads as no session',
    async () => {
      for (const guess of [
        '0'.repeat(64),
        randomBytes(32).toString('hex'),
        'x'.repeat(2000),
        goodToken(),
      ]) {
        const attacker = new CookieClient(server.url)
        attacker.cookies.set(SESSION, guess)
        const response = await unchanged(() => attacker.fetch('/api/auth/session'))
        expect(await response.json()).toEqual({})
      }
    },
  )

  it('an oversized body is refused with 413 before any work', async () => {
    const attacker = new CookieClient(server.url)
    const csrfToken = await attacker.csrfToken()
    const response = await unchanged(() =>
      attacker.post('/api/auth/callback/credentials', {
        csrfToken,
        username: 'ada',
        password: 'right',
        padding: 'x'.repeat(70_000),
      }),
    )
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({ error: 'InvalidRequest' })
  })

  it('oversized headers are refused by the server, which stays up', async () => {
    const response = await fetch(`${server.url}/api/auth/session`, {
      headers: { cookie: `${SESSION}=${'A'.repeat(70_000)}` },
    })
    expect(response.status).toBe(431)
    expect((await fetch(`${server.url}/api/auth/csrf`)).status).toBe(200)
  })

  const methodRows: Array<[string, string, string]> = [
    ['PUT', '/api/auth/session', 'GET, POST'],
    ['DELETE', '/api/auth/signout', 'GET, POST'],
    ['POST', '/api/auth/csrf', 'GET'],
    ['POST', '/api/auth/providers', 'GET'],
    ['GET', '/api/auth/signin/credentials', 'POST'],
    ['GET', '/api/auth/callback/credentials', 'POST'],
    ['PATCH', '/api/auth/error', 'GET'],
  ]
  it.each(methodRows)('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const response = await unchanged(() => victim.fetch(path, { method }))
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe(allow)
    expect(await response.json()).toMatchObject({ error: 'MethodNotAllowed' })
  })

  it.each([
    '/api/auth/nope',
    '/api/auth/session/extra',
    '/api/auth/signin/a/b',
    '/api/auth/',
    '/api/authx/session',
  ])('unknown route %s is 404 JSON UnknownAction', async (path) => {
    const response = await unchanged(() => victim.fetch(path))
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ error: 'UnknownAction' })
  })

  it('an unknown provider is 302 to the sign-in page with ?error=UnknownProvider', async () => {
    const attacker = new CookieClient(server.url)
    const csrfToken = await attacker.csrfToken()
    const response = await unchanged(() => attacker.post('/api/auth/signin/nope', { csrfToken }))
    expect(response.status).toBe(302)
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(
      'UnknownProvider',
    )
  })

  it('wrong credentials give CredentialsSignin and no session', async () => {
    const attacker = new CookieClient(server.url)
    const csrfToken = await attacker.csrfToken()
    const response = await unchanged(() =>
      attacker.post('/api/auth/callback/credentials', {
        csrfToken,
        username: 'ada',
        password: 'wrong',
      }),
    )
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe(
      'CredentialsSignin',
    )
    expect(attacker.cookies.has(SESSION)).toBe(false)
  })
})
