/**
 * Property-based fuzzing of `Auth(request)`: random paths, methods, headers, cookies, query
 * strings and bodies. `npm test` runs a small count; `npm run fuzz` runs 100,000 cases.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { Auth } from '../../src/core/index.js'
import { decode, encode } from '../../src/core/session/jwt.js'
import type { AuthOptions } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'

const runs = Number(process.env.FUZZ_RUNS ?? 1500)
const secret = 'fuzz-secret-0123456789'
const validToken = encode({ token: { sub: 'u1', name: 'Fuzz' }, secret })

const loggedCodes: string[] = []
const logger = {
  error: (code: string) => void loggedCodes.push(code),
  warn: () => {},
  debug: () => {},
}

function options(strategy: 'jwt' | 'database'): AuthOptions {
  return {
    secret,
    logger,
    adapter: MemoryAdapter(),
    session: { strategy },
    providers: [
      CredentialsProvider({
        credentials: {
          username: { label: 'User' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: async (credentials) =>
          credentials?.password === 'correct horse battery staple'
            ? { id: 'u1', name: 'Fuzz' }
            : null,
      }),
      { id: 'email', name: 'Email', type: 'email', sendVerificationRequest: async () => {} },
      {
        id: 'idp',
        name: 'IdP',
        type: 'oauth',
        clientId: 'client',
        clientSecret: 'secret',
        authorization: 'http://127.0.0.1:9/authorize',
        token: 'http://127.0.0.1:9/token',
        userinfo: 'http://127.0.0.1:9/userinfo',
      },
    ],
  }
}

const actions = [
  'providers',
  'csrf',
  'signin',
  'signin/credentials',
  'signin/email',
  'signin/idp',
  'signin/nope',
  'callback/credentials',
  'callback/email',
  'callback/idp',
  'callback/nope',
  'signout',
  'session',
  'error',
  'verify-request',
  'unknown',
  '',
]
const segment = fc.oneof(fc.constantFrom(...actions), fc.string({ maxLength: 20 }), fc.webSegment())
const path = fc.oneof(
  segment.map((value) => `/api/auth/${value}`),
  fc.array(fc.webSegment(), { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  fc.tuple(segment, segment).map(([a, b]) => `/api/auth/${a}/${b}`),
)
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS')
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }))
const cookieValue = fc.oneof(
  text,
  fc.constant(validToken),
  fc.integer({ min: 0, max: validToken.length - 1 }).map((index) => {
    const flipped = validToken[index] === 'A' ? 'B' : 'A'
    return validToken.slice(0, index) + flipped + validToken.slice(index + 1)
  }),
  fc.constant(`${'x'.repeat(64)}|${'y'.repeat(64)}`),
)
const cookieName = fc.constantFrom(
  'next-auth.session-token',
  'next-auth.session-token.0',
  'next-auth.session-token.1',
  'next-auth.csrf-token',
  'next-auth.callback-url',
  'next-auth.state',
  'next-auth.pkce.code_verifier',
  'next-auth.nonce',
  'other',
)
const cookies = fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 4 })
const query = fc.dictionary(
  fc.constantFrom('callbackUrl', 'error', 'token', 'email', 'code', 'state', 'x'),
  text,
  { maxKeys: 4 },
)
const formBody = fc.dictionary(
  fc.constantFrom('csrfToken', 'callbackUrl', 'username', 'password', 'email', 'json', 'data', 'x'),
  text,
  { maxKeys: 6 },
)
const body = fc.oneof(
  formBody.map((fields) => ({
    type: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(fields).toString(),
  })),
  formBody.map((fields) => ({ type: 'application/json', body: JSON.stringify(fields) })),
  text.map((value) => ({ type: 'application/json', body: value })),
  text.map((value) => ({ type: 'text/xml', body: value })),
  fc.constant({ type: '', body: '' }),
)
const headers = fc.record({
  origin: fc.option(fc.constantFrom('http://localhost:3000', 'http://evil.example', 'null'), {
    nil: undefined,
  }),
  'sec-fetch-site': fc.option(fc.constantFrom('same-origin', 'cross-site'), { nil: undefined }),
  'x-forwarded-host': fc.option(fc.constantFrom('evil.example', ''), { nil: undefined }),
  accept: fc.option(fc.constantFrom('application/json', 'text/html'), { nil: undefined }),
})

const request = fc.record({ path, method, cookies, query, body, headers })
type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never

function build(input: FuzzRequest): Request | null {
  let url: URL
  try {
    url = new URL(`http://localhost:3000${input.path}`)
  } catch {
    return null
  }
  for (const [name, value] of Object.entries(input.query)) url.searchParams.set(name, value)
  const headers = new Headers()
  for (const [name, value] of Object.entries(input.headers))
    if (value !== undefined) headers.set(name, value)
  const cookie = input.cookies
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('; ')
  if (cookie) headers.set('cookie', cookie)
  const hasBody = input.method !== 'GET' && input.method !== 'HEAD'
  if (hasBody && input.body.type) headers.set('content-type', input.body.type)
  try {
    return new Request(url, {
      method: input.method,
      headers,
      body: hasBody ? input.body.body : undefined,
    })
  } catch {
    return null
  }
}

function carriedValidSession(input: FuzzRequest): boolean {
  return input.cookies.some(
    ([name, value]) =>
      name.startsWith('next-auth.session-token') && decode({ token: value, secret }) !== null,
  )
}

describe.each(['jwt', 'database'] as const)(
  'Auth(request) under fuzzing, %s sessions',
  (strategy) => {
    const authOptions = options(strategy)

    it(`holds its invariants for ${runs} random requests`, async () => {
      await fc.assert(
        fc.asyncProperty(request, async (input) => {
          const built = build(input)
          if (!built) return
          loggedCodes.length = 0
          const response = await Auth(built, authOptions)

          expect(response).toBeInstanceOf(Response)
          const text = await response.text()
          expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
          if (response.status >= 500) expect(loggedCodes.length).toBeGreaterThan(0)

          const sessionCookies = response.headers
            .getSetCookie()
            .filter((line) => line.startsWith('next-auth.session-token'))
            .filter((line) => !/Max-Age=0/i.test(line) && !/^[^=]+=;/.test(line))
          if (sessionCookies.length > 0) {
            // A session cookie is only ever re-issued for a request that already had a valid one.
            expect(strategy === 'jwt' && carriedValidSession(input)).toBe(true)
          }
        }),
        { numRuns: runs },
      )
    }, 600_000)
  },
)
