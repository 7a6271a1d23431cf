import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BASE,
  Client,
  engine,
  login,
  passwordProvider,
  SECRET,
  setCookie,
  setCookies,
} from '../../test/helpers/engine.js'
import {
  CHUNK_SIZE,
  clearChunked,
  defaultCookies,
  parseCookies,
  readChunked,
  serializeCookie,
  writeChunked,
} from './cookies.js'
import type { AuthOptions } from './types.js'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const options = { httpOnly: true, sameSite: 'lax' as const, path: '/' }

describe('defaultCookies', () => {
  it('has the NextAuth.js v4 names on plain HTTP', () => {
    const cookies = defaultCookies(false)
    expect(
      Object.fromEntries(Object.entries(cookies).map(([key, value]) => [key, value.name])),
    ).toEqual({
      sessionToken: 'next-auth.session-token',
      callbackUrl: 'next-auth.callback-url',
      csrfToken: 'next-auth.csrf-token',
      pkceCodeVerifier: 'next-auth.pkce.code_verifier',
      state: 'next-auth.state',
      nonce: 'next-auth.nonce',
    })
    for (const cookie of Object.values(cookies)) {
      expect(cookie.options).toMatchObject({
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: false,
      })
    }
  })

  it('has __Secure- names (and __Host- for CSRF) with Secure on HTTPS', () => {
    const cookies = defaultCookies(true)
    expect(cookies.sessionToken.name).toBe('__Secure-next-auth.session-token')
    expect(cookies.callbackUrl.name).toBe('__Secure-next-auth.callback-url')
    expect(cookies.csrfToken.name).toBe('__Host-next-auth.csrf-token')
    expect(cookies.pkceCodeVerifier.name).toBe('__Secure-next-auth.pkce.code_verifier')
    for (const cookie of Object.values(cookies)) expect(cookie.options.secure).toBe(true)
    expect(cookies.csrfToken.options.path).toBe('/')
    expect(cookies.csrfToken.options.domain).toBeUndefined()
  })

  it('gives the OAuth check cookies a 15-minute lifetime', () => {
    const cookies = defaultCookies(false)
    expect(cookies.state.options.maxAge).toBe(900)
    expect(cookies.nonce.options.maxAge).toBe(900)
    expect(cookies.pkceCodeVerifier.options.maxAge).toBe(900)
    expect(cookies.sessionToken.options.maxAge).toBeUndefined()
  })
})

describe('parseCookies', () => {
  it('reads a header into a map and decodes values', () => {
    expect(parseCookies('a=1; b=x%7Cy')).toEqual({ a: '1', b: 'x|y' })
  })

  it('returns {} for no header', () => {
    expect(parseCookies(null)).toEqual({})
    expect(parseCookies(undefined)).toEqual({})
    expect(parseCookies('')).toEqual({})
  })

  it('skips malformed pairs without throwing', () => {
    expect(() => parseCookies('novalue; =nokey; a=1; ;;; b=%E0%A4%A')).not.toThrow()
    expect(parseCookies('novalue; =nokey; a=1').a).toBe('1')
  })
})

describe('serializeCookie', () => {
  it('writes the attributes and encodes the value', () => {
    const line = serializeCookie({
      name: 'next-auth.csrf-token',
      value: 'abc|def',
      options: { ...options, secure: true, expires: new Date('2030-01-01T00:00:00Z') },
    })
    expect(line).toContain('next-auth.csrf-token=abc%7Cdef')
    expect(line).toMatch(/HttpOnly/i)
    expect(line).toMatch(/SameSite=Lax/i)
    expect(line).toMatch(/Path=\//)
    expect(line).toMatch(/Secure/)
    expect(line).toContain('Expires=Tue, 01 Jan 2030 00:00:00 GMT')
  })

  it('writes Max-Age=0 for a deletion', () => {
    expect(serializeCookie({ name: 'a', value: '', options: { ...options, maxAge: 0 } })).toContain(
      'Max-Age=0',
    )
  })
})

describe('chunking', () => {
  const name = 'next-auth.session-token'

  it('writes a value that fits as one cookie', () => {
    const written = writeChunked({}, name, 'short', options)
    expect(written).toEqual([{ name, value: 'short', options }])
  })

  it('splits a long value into name.0, name.1, ... each small enough for a browser', () => {
    const value = 'v'.repeat(CHUNK_SIZE * 2 + 10)
    const written = writeChunked({}, name, value, { ...options, secure: true, expires: new Date() })
    expect(written.map((cookie) => cookie.name)).toEqual([`${name}.0`, `${name}.1`, `${name}.2`])
    for (const cookie of written) expect(serializeCookie(cookie).length).toBeLessThanOrEqual(4096)
    expect(written.map((cookie) => cookie.value).join('')).toBe(value)
  })

  it('measures chunks as serialized, so values that need percent-encoding (custom jwt.encode) still fit', () => {
    const value = '{"claims":"é€ ;,"}'.repeat(600)
    const written = writeChunked({}, name, value, { ...options, secure: true, expires: new Date() })
    for (const cookie of written)
      expect(Buffer.byteLength(serializeCookie(cookie))).toBeLessThanOrEqual(4096)
    const header = written.map((cookie) => serializeCookie(cookie).split(';')[0]).join('; ')
    expect(readChunked(parseCookies(header), name)).toBe(value)
  })

  it('joins chunks back by index, whatever order the header lists them in', () => {
    const value = 'abcdefghij'.repeat(900)
    const written = writeChunked({}, name, value, options)
    const header = written
      .reverse()
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ')
    expect(readChunked(parseCookies(header), name)).toBe(value)
  })

  it('prefers the unchunked cookie when both are present', () => {
    expect(readChunked({ [name]: 'whole', [`${name}.0`]: 'part' }, name)).toBe('whole')
  })

  it('reads nothing without chunk 0', () => {
    expect(readChunked({ [`${name}.1`]: 'b', [`${name}.2`]: 'c' }, name)).toBeUndefined()
  })

  it('stops at a missing chunk (the partial value then fails to decrypt)', () => {
    expect(readChunked({ [`${name}.0`]: 'a', [`${name}.2`]: 'c' }, name)).toBe('a')
  })

  it('refuses more chunks than a session can need', () => {
    const many: Record<string, string> = {}
    for (let index = 0; index < 40; index++) many[`${name}.${index}`] = 'x'
    expect(readChunked(many, name)).toBeUndefined()
  })

  it('deletes stale chunks when the value shrinks back into one cookie', () => {
    const request = { [`${name}.0`]: 'a', [`${name}.1`]: 'b', [`${name}.2`]: 'c', other: 'keep' }
    const written = writeChunked(request, name, 'small', options)
    expect(written[0]).toEqual({ name, value: 'small', options })
    const deleted = written
      .filter((cookie) => cookie.options.maxAge === 0)
      .map((cookie) => cookie.name)
    expect(deleted.sort()).toEqual([`${name}.0`, `${name}.1`, `${name}.2`])
  })

  it('deletes the unchunked cookie and surplus chunks when the value grows or shrinks across chunks', () => {
    const grown = writeChunked({ [name]: 'old' }, name, 'x'.repeat(CHUNK_SIZE + 1), options)
    expect(grown.find((cookie) => cookie.name === name)?.options.maxAge).toBe(0)
    const shrunk = writeChunked(
      { [`${name}.0`]: 'a', [`${name}.1`]: 'b', [`${name}.2`]: 'c' },
      name,
      'x'.repeat(CHUNK_SIZE + 1),
      options,
    )
    expect(
      shrunk.filter((cookie) => cookie.options.maxAge === 0).map((cookie) => cookie.name),
    ).toEqual([`${name}.2`])
  })

  it('does not touch cookies that merely start with the name', () => {
    const written = writeChunked({ [`${name}.x`]: '1', [`${name}-other`]: '2' }, name, 'v', options)
    expect(written).toHaveLength(1)
  })

  it('clearChunked deletes the cookie and every chunk, or the bare name when none was sent', () => {
    const cleared = clearChunked({ [`${name}.0`]: 'a', [`${name}.1`]: 'b' }, name, options)
    expect(cleared.map((cookie) => [cookie.name, cookie.options.maxAge])).toEqual([
      [`${name}.0`, 0],
      [`${name}.1`, 0],
    ])
    expect(clearChunked({}, name, options)).toEqual([
      { name, value: '', options: { ...options, maxAge: 0 } },
    ])
  })
})

describe('cookies set by the engine', () => {
  function opts(extra: Partial<AuthOptions> = {}): AuthOptions {
    return { secret: SECRET, providers: [passwordProvider()], ...extra }
  }

  it('useSecureCookies: true on plain HTTP gives __Secure-/__Host- names with Secure', async () => {
    const client = new Client(engine(opts({ useSecureCookies: true })))
    const response = await client.signIn(login('ada'))
    expect(client.cookies.has('__Host-next-auth.csrf-token')).toBe(true)
    const session = setCookie(response, '__Secure-next-auth.session-token')!
    expect(session.attributes.secure).toBe(true)
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
  })

  it('useSecureCookies: false on HTTPS keeps plain names without Secure', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com')
    const client = new Client(engine(opts({ useSecureCookies: false })), 'https://app.example.com')
    const response = await client.signIn(login('ada'))
    const session = setCookie(response, 'next-auth.session-token')!
    expect(session.attributes.secure).toBeUndefined()
    expect(client.cookies.has('next-auth.csrf-token')).toBe(true)
  })

  it('HTTPS by the request URL alone gives secure cookies', async () => {
    const client = new Client(engine(opts()), 'https://direct.example')
    const response = await client.signIn(login('ada'))
    expect(setCookie(response, '__Secure-next-auth.session-token')?.attributes.secure).toBe(true)
    expect(setCookie(response, '__Secure-next-auth.callback-url')?.attributes.secure).toBe(true)
  })

  it('a secure cookie sent over plain HTTP is not read as the session', async () => {
    const https = new Client(engine(opts()), 'https://direct.example')
    await https.signIn(login('ada'))
    const http = new Client(engine(opts()), 'http://direct.example')
    for (const [name, value] of https.cookies) http.cookies.set(name, value)
    expect(await http.session()).toEqual({})
  })

  it('on HTTPS a plain-named session cookie (plantable from a subdomain) is not read', async () => {
    const http = new Client(engine(opts()), 'http://direct.example')
    await http.signIn(login('ada'))
    const https = new Client(engine(opts()), 'https://direct.example')
    https.cookies.set('next-auth.session-token', http.cookies.get('next-auth.session-token')!)
    expect(await https.session()).toEqual({})
  })

  it('cookie name overrides are used for writing and reading, with options merged over defaults', async () => {
    const options = opts({
      cookies: {
        sessionToken: { name: 'app.sid', options: { sameSite: 'strict' } },
        csrfToken: { name: 'app.csrf', options: {} },
        callbackUrl: { name: 'app.cb', options: {} },
      },
    })
    const client = new Client(engine(options))
    const response = await client.signIn(login('ada', { callbackUrl: '/x' }))
    const names = setCookies(response).map((cookie) => cookie.name)
    expect(names).toContain('app.sid')
    expect(names).toContain('app.cb')
    expect(names).not.toContain('next-auth.session-token')
    expect(client.cookies.has('app.csrf')).toBe(true)
    const sid = setCookie(response, 'app.sid')!
    expect(String(sid.attributes.samesite).toLowerCase()).toBe('strict')
    expect(sid.attributes.httponly).toBe(true)
    expect(sid.attributes.path).toBe('/')
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )

    const stranger = new Client(engine(options))
    stranger.cookies.set('next-auth.session-token', client.cookies.get('app.sid')!)
    expect(await stranger.session()).toEqual({})
  })

  it('a cookie domain override is written on the session cookie', async () => {
    const client = new Client(
      engine(
        opts({
          cookies: {
            sessionToken: { name: 'next-auth.session-token', options: { domain: 'localhost' } },
          },
        }),
      ),
    )
    const response = await client.signIn(login('ada'))
    expect(setCookie(response, 'next-auth.session-token')?.attributes.domain).toBe('localhost')
  })

  it('the CSRF cookie stays a session cookie (no Expires), as in NextAuth.js', async () => {
    const response = await new Client(engine(opts())).fetch(`${BASE}/csrf`)
    const csrf = setCookie(response, 'next-auth.csrf-token')!
    expect(csrf.attributes.expires).toBeUndefined()
    expect(csrf.attributes['max-age']).toBeUndefined()
  })
})
