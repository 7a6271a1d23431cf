import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  Client,
  engine,
  isDeletion,
  login,
  passwordProvider,
  recordingLogger,
  SECRET,
  setCookie,
} from '../../../test/helpers/engine.js'
import { loadConfig } from '../config.js'
import type { AuthOptions, JWTDecodeParams } from '../types.js'
import { decode } from './jwt.js'
import { TokenCache } from './token-cache.js'

const SESSION = 'next-auth.session-token'

afterEach(() => {
  vi.useRealTimers()
})

function options(extra: Partial<AuthOptions> = {}): AuthOptions {
  return { secret: SECRET, providers: [passwordProvider()], ...extra }
}

async function signedIn(opts: AuthOptions): Promise<{ client: Client; token: string }> {
  const client = new Client(engine(opts))
  await client.signIn(login('ada'))
  return { client, token: client.cookies.get(SESSION)! }
}

describe('TokenCache', () => {
  it('drops the oldest entry past its limit', () => {
    const cache = new TokenCache(2)
    cache.set('a', { plaintext: '{"a":1}', oldSecret: false })
    cache.set('b', { plaintext: '{"b":1}', oldSecret: false })
    cache.set('c', { plaintext: '{"c":1}', oldSecret: false })
    expect(cache.size).toBe(2)
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('c')?.plaintext).toBe('{"c":1}')
  })

  it('does not keep tokens longer than one cookie', () => {
    const cache = new TokenCache()
    cache.set('x'.repeat(5000), { plaintext: '{}', oldSecret: false })
    expect(cache.size).toBe(0)
  })
})

describe('the decrypted-token cache in session reads', () => {
  it('remembers a token after its first read, per options object', async () => {
    const opts = options()
    const { client, token } = await signedIn(opts)
    await client.session()
    expect(loadConfig(opts).tokenCache.get(token)).toBeDefined()
    // Another options object, even with the same secret, has a cache of its own.
    expect(loadConfig(options()).tokenCache.get(token)).toBeUndefined()
  })

  it('still refuses a cached token with one character changed, and clears its cookie', async () => {
    const opts = options({ logger: recordingLogger().logger })
    const { client, token } = await signedIn(opts)
    expect((await client.session()).user).toBeDefined()
    // Every position of the ciphertext and tag: none may ride on the cached original.
    const parts = token.split('.')
    const start = parts[0]!.length + 2 + parts[2]!.length + 1
    for (const at of [start, start + 10, token.length - 3, token.length - 1]) {
      const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1)
      const forger = new Client(engine(opts))
      forger.cookies.set(SESSION, flipped)
      const response = await forger.fetch('session')
      expect(await response.json()).toEqual({})
      expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
    }
  })

  it('refuses a cached token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00Z'))
    const opts = options({ session: { maxAge: 3600, updateAge: 3600 } })
    const { token } = await signedIn(opts)
    const reader = new Client(engine(opts))
    reader.cookies.set(SESSION, token)
    expect((await reader.session()).user).toBeDefined()
    expect(loadConfig(opts).tokenCache.get(token)).toBeDefined()

    vi.setSystemTime(Date.now() + 3600 * 1000 + 16 * 1000)
    const late = new Client(engine(opts))
    late.cookies.set(SESSION, token)
    const response = await late.fetch('session')
    expect(await response.json()).toEqual({})
    expect(isDeletion(setCookie(response, SESSION)!)).toBe(true)
  })

  it('re-issues a token an older secret sealed, also when it comes from the cache', async () => {
    const old = 'an-older-session-secret-0123456789abcdef'
    const { token } = await signedIn(options({ secret: old }))
    const rotated = options({ secret: [SECRET, old] })
    for (let read = 0; read < 2; read += 1) {
      const client = new Client(engine(rotated))
      client.cookies.set(SESSION, token)
      const response = await client.fetch('session')
      expect(((await response.json()) as { user?: unknown }).user).toBeDefined()
      const renewed = setCookie(response, SESSION)!.value
      expect(decode({ token: renewed, secret: SECRET })?.sub).toBe('user-ada')
    }
  })

  it('runs a custom jwt.decode on every read: it is not cached', async () => {
    const calls: string[] = []
    const opts = options({
      jwt: {
        decode: (params: JWTDecodeParams) => {
          calls.push(params.token ?? '')
          return decode(params)
        },
      },
    })
    const { client } = await signedIn(opts)
    await client.session()
    await client.session()
    expect(calls.length).toBe(2)
    expect(loadConfig(opts).tokenCache.size).toBe(0)
  })
})
