import { randomBytes } from 'node:crypto'
import { encode as nextAuthEncode, getToken as nextAuthGetToken } from 'next-auth/jwt'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  Client,
  engine,
  login,
  ORIGIN,
  passwordProvider,
  SECRET,
} from '../../test/helpers/engine.js'
import { decode, encode, getToken } from './index.js'

const NAME = 'next-auth.session-token'
const SECURE = '__Secure-next-auth.session-token'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'NEXTAUTH_SECRET', 'AUTH_SECRET', 'VERCEL'])
    vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

const token = () => encode({ token: { sub: 'u1', name: 'Ada', role: 'admin' }, secret: SECRET })

describe('getToken', () => {
  it('reads the session cookie of a Web Request', async () => {
    const jwe = token()
    const req = new Request(`${ORIGIN}/api/x`, { headers: { cookie: `other=1; ${NAME}=${jwe}` } })
    expect(await getToken({ req, secret: SECRET })).toMatchObject({ sub: 'u1', role: 'admin' })
  })

  it('reads a Node-style headers object (IncomingMessage, NextApiRequest)', async () => {
    const jwe = token()
    expect(
      await getToken({ req: { headers: { cookie: `${NAME}=${jwe}` } }, secret: SECRET }),
    ).toMatchObject({ sub: 'u1' })
    expect(
      await getToken({ req: { headers: { cookie: [`a=b`, `${NAME}=${jwe}`] } }, secret: SECRET }),
    ).toMatchObject({ sub: 'u1' })
  })

  it('reads an Authorization: Bearer header when there is no cookie', async () => {
    const jwe = token()
    expect(
      await getToken({
        req: new Request(ORIGIN, { headers: { authorization: `Bearer ${jwe}` } }),
        secret: SECRET,
      }),
    ).toMatchObject({ sub: 'u1' })
    expect(
      await getToken({ req: { headers: { authorization: `Bearer ${jwe}` } }, secret: SECRET }),
    ).toMatchObject({ sub: 'u1' })
  })

  it('prefers the cookie over the Bearer header', async () => {
    const fromCookie = encode({ token: { sub: 'cookie' }, secret: SECRET })
    const fromHeader = encode({ token: { sub: 'header' }, secret: SECRET })
    const req = new Request(ORIGIN, {
      headers: { cookie: `${NAME}=${fromCookie}`, authorization: `Bearer ${fromHeader}` },
    })
    expect((await getToken({ req, secret: SECRET }))?.sub).toBe('cookie')
  })

  it('ignores other authorization schemes', async () => {
    const req = new Request(ORIGIN, { headers: { authorization: `Basic ${token()}` } })
    expect(await getToken({ req, secret: SECRET })).toBeNull()
  })

  it('raw: true returns the encoded token, even without a secret', async () => {
    const jwe = token()
    const req = new Request(ORIGIN, { headers: { cookie: `${NAME}=${jwe}` } })
    expect(await getToken({ req, raw: true })).toBe(jwe)
    expect(await getToken({ req: new Request(ORIGIN), raw: true })).toBeNull()
  })

  it('secureCookie picks the __Secure- cookie', async () => {
    const secure = encode({ token: { sub: 'secure' }, secret: SECRET })
    const plain = encode({ token: { sub: 'plain' }, secret: SECRET })
    const req = new Request(ORIGIN, {
      headers: { cookie: `${NAME}=${plain}; ${SECURE}=${secure}` },
    })
    expect((await getToken({ req, secret: SECRET, secureCookie: true }))?.sub).toBe('secure')
    expect((await getToken({ req, secret: SECRET, secureCookie: false }))?.sub).toBe('plain')
  })

  it('secureCookie defaults to an https NEXTAUTH_URL, else to an https request URL', async () => {
    const secure = encode({ token: { sub: 'secure' }, secret: SECRET })
    const plain = encode({ token: { sub: 'plain' }, secret: SECRET })
    const cookie = `${NAME}=${plain}; ${SECURE}=${secure}`
    expect(
      (await getToken({ req: new Request('http://x/', { headers: { cookie } }), secret: SECRET }))
        ?.sub,
    ).toBe('plain')
    expect(
      (await getToken({ req: new Request('https://x/', { headers: { cookie } }), secret: SECRET }))
        ?.sub,
    ).toBe('secure')
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example')
    expect(
      (await getToken({ req: new Request('http://x/', { headers: { cookie } }), secret: SECRET }))
        ?.sub,
    ).toBe('secure')
  })

  it('on an HTTPS app never falls back to the unprefixed cookie (the __Secure- prefix is the protection)', async () => {
    // A plain-named cookie can be planted by a sibling subdomain or over plain HTTP; an app on
    // HTTPS only ever sets the __Secure- one, so the plain one must not be read as a session.
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example')
    const planted = encode({ token: { sub: 'attacker' }, secret: SECRET })
    const req = new Request('https://app.example/', { headers: { cookie: `${NAME}=${planted}` } })
    expect(await getToken({ req, secret: SECRET })).toBeNull()
  })

  it('behind a TLS proxy (http request URL, no NEXTAUTH_URL) still finds the __Secure- cookie', async () => {
    const jwe = encode({ token: { sub: 'proxied' }, secret: SECRET })
    const req = new Request('http://internal/', { headers: { cookie: `${SECURE}=${jwe}` } })
    expect((await getToken({ req, secret: SECRET }))?.sub).toBe('proxied')
  })

  it('cookieName reads a renamed cookie', async () => {
    const req = new Request(ORIGIN, { headers: { cookie: `app.sid=${token()}` } })
    expect((await getToken({ req, secret: SECRET, cookieName: 'app.sid' }))?.sub).toBe('u1')
    expect(await getToken({ req, secret: SECRET })).toBeNull()
  })

  it('joins a chunked cookie', async () => {
    const jwe = encode({
      token: { sub: 'big', blob: randomBytes(4096).toString('hex') },
      secret: SECRET,
    })
    const chunks = [jwe.slice(0, 4000), jwe.slice(4000, 8000), jwe.slice(8000)]
    const cookie = chunks
      .map((chunk, index) => `${NAME}.${index}=${chunk}`)
      .reverse()
      .join('; ')
    expect(
      (await getToken({ req: new Request(ORIGIN, { headers: { cookie } }), secret: SECRET }))?.sub,
    ).toBe('big')
  })

  it('takes the secret from NEXTAUTH_SECRET, then AUTH_SECRET', async () => {
    const req = new Request(ORIGIN, { headers: { cookie: `${NAME}=${token()}` } })
    vi.stubEnv('AUTH_SECRET', SECRET)
    expect((await getToken({ req }))?.sub).toBe('u1')
    vi.stubEnv('NEXTAUTH_SECRET', 'a-different-secret-for-nextauth-000')
    expect(await getToken({ req })).toBeNull()
  })

  it('throws a clear error without any secret', async () => {
    const req = new Request(ORIGIN, { headers: { cookie: `${NAME}=${token()}` } })
    await expect(getToken({ req })).rejects.toThrow(/secret/)
  })

  it('accepts rotated secrets', async () => {
    const old = encode({ token: { sub: 'old' }, secret: 'retired-secret-aaaaaaaaaaaaaaaaaaaa' })
    const req = new Request(ORIGIN, { headers: { cookie: `${NAME}=${old}` } })
    expect(
      (await getToken({ req, secret: [SECRET, 'retired-secret-aaaaaaaaaaaaaaaaaaaa'] }))?.sub,
    ).toBe('old')
  })

  it('returns null for no token, a tampered one, another secret, or a decoder that throws', async () => {
    expect(await getToken({ req: new Request(ORIGIN), secret: SECRET })).toBeNull()
    const jwe = token()
    const tampered = `${jwe.slice(0, -3)}AAA`
    expect(
      await getToken({
        req: new Request(ORIGIN, { headers: { cookie: `${NAME}=${tampered}` } }),
        secret: SECRET,
      }),
    ).toBeNull()
    expect(
      await getToken({
        req: new Request(ORIGIN, { headers: { cookie: `${NAME}=${jwe}` } }),
        secret: 'nope-nope-nope-nope-nope',
      }),
    ).toBeNull()
    const throwing = () => {
      throw new Error('decoder broke')
    }
    expect(
      await getToken({
        req: new Request(ORIGIN, { headers: { cookie: `${NAME}=${jwe}` } }),
        secret: SECRET,
        decode: throwing,
      }),
    ).toBeNull()
  })

  it('uses a custom decode and a salt', async () => {
    const salted = encode({ token: { sub: 's' }, secret: SECRET, salt: 'pepper' })
    const req = new Request(ORIGIN, { headers: { cookie: `${NAME}=${salted}` } })
    expect(await getToken({ req, secret: SECRET })).toBeNull()
    expect((await getToken({ req, secret: SECRET, salt: 'pepper' }))?.sub).toBe('s')
    expect(
      await getToken({
        req,
        secret: SECRET,
        decode: ({ token: raw }) => ({ sub: `custom:${raw!.length}` }),
      }),
    ).toEqual({
      sub: `custom:${salted.length}`,
    })
  })

  it('re-exports encode and decode', () => {
    expect(decode({ token: token(), secret: SECRET })?.sub).toBe('u1')
  })
})

describe('interop with a real session and with next-auth v4', () => {
  it('reads the cookie the engine set at sign-in', async () => {
    const client = new Client(engine({ secret: SECRET, providers: [passwordProvider()] }))
    await client.signIn(login('ada'))
    const token = await getToken({ req: client.request('/'), secret: SECRET })
    expect(token).toMatchObject({ sub: 'user-ada', email: 'ada@example.com' })
  })

  it('reads a cookie written by next-auth v4', async () => {
    const jwe = await nextAuthEncode({ token: { sub: 'v4' }, secret: SECRET })
    expect(
      (
        await getToken({
          req: new Request(ORIGIN, { headers: { cookie: `${NAME}=${jwe}` } }),
          secret: SECRET,
        })
      )?.sub,
    ).toBe('v4')
  })

  it('finds the session the engine set when NEXTAUTH_URL has no scheme (the engine reads it as https)', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'app.example.com')
    const client = new Client(
      engine({ secret: SECRET, providers: [passwordProvider()] }),
      'http://internal',
    )
    await client.signIn(login('ada'))
    expect([...client.cookies.keys()]).toContain(SECURE)
    expect(await getToken({ req: client.request('/'), secret: SECRET })).toMatchObject({
      sub: 'user-ada',
    })
  })

  it('next-auth v4 getToken reads our cookie (a migrating proxy keeps working)', async () => {
    const jwe = token()
    const found = await nextAuthGetToken({
      req: { cookies: { [NAME]: jwe }, headers: {} } as never,
      secret: SECRET,
    })
    expect(found).toMatchObject({ sub: 'u1', role: 'admin' })
  })
})
