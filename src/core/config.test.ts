import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryAdapter } from '../adapters/memory.js'
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
} from '../../test/helpers/engine.js'
import { loadConfig } from './config.js'
import { ConfigurationError } from './errors.js'
import { Auth, validateOptions } from './index.js'
import { decode, encode } from './session/jwt.js'
import type { AuthOptions } from './types.js'

beforeEach(() => {
  for (const name of [
    'NEXTAUTH_URL',
    'AUTH_URL',
    'NEXTAUTH_SECRET',
    'AUTH_SECRET',
    'AUTH_TRUST_HOST',
  ]) {
    vi.stubEnv(name, undefined)
  }
})
afterEach(() => {
  vi.unstubAllEnvs()
})

function base(extra: Partial<AuthOptions> = {}): AuthOptions {
  return { secret: SECRET, providers: [passwordProvider()], ...extra }
}

/** The ConfigurationError that validating `options` throws. */
function configError(options: unknown): ConfigurationError {
  try {
    validateOptions(options as AuthOptions)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError)
    expect((error as ConfigurationError).code).toBe('Configuration')
    return error as ConfigurationError
  }
  throw new Error('expected a ConfigurationError')
}

describe('options validation names the option and the fix', () => {
  it('a missing secret in production', () => {
    vi.stubEnv('NODE_ENV', 'production')
    const error = configError({ providers: [passwordProvider()] })
    expect(error.message).toMatch(/secret/)
    expect(error.message).toContain('NEXTAUTH_SECRET')
  })

  it('an empty-string secret in production counts as missing', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(configError({ secret: '', providers: [] }).message).toMatch(/secret is missing/)
  })

  it('NODE_ENV is restored after the production test', () => {
    expect(process.env.NODE_ENV).not.toBe('production')
  })

  it('a secret array with an empty entry', () => {
    expect(configError(base({ secret: [SECRET, ''] })).message).toMatch(/secret/)
  })

  it('an unknown provider type', () => {
    const error = configError({ secret: SECRET, providers: [{ id: 'x', name: 'X', type: 'saml' }] })
    expect(error.message).toContain('providers[0]')
    expect(error.message).toContain('"saml"')
    expect(error.message).toMatch(/'oauth', 'oidc', 'email' or 'credentials'/)
  })

  it('a provider that is not an object (a provider function not called)', () => {
    expect(configError({ secret: SECRET, providers: [null] }).message).toContain('providers[0]')
  })

  it('providers that is not an array', () => {
    expect(configError({ secret: SECRET }).message).toMatch(/providers must be an array/)
  })

  it('options that are not an object', () => {
    expect(configError(null).message).toMatch(/options must be an object/)
  })

  it('a provider id that cannot be part of a URL', () => {
    const error = configError(base({ providers: [passwordProvider({ id: 'a/b' })] }))
    expect(error.message).toContain('providers[0].id')
  })

  it('duplicate provider ids', () => {
    const error = configError(base({ providers: [passwordProvider(), passwordProvider()] }))
    expect(error.message).toContain('"credentials"')
    expect(error.message).toMatch(/Two providers/)
  })

  it('the database strategy without an adapter', () => {
    const error = configError(base({ session: { strategy: 'database' } }))
    expect(error.message).toContain("session.strategy: 'database'")
    expect(error.message).toMatch(/adapter/)
  })

  it('an unknown session strategy', () => {
    expect(configError(base({ session: { strategy: 'cookie' as 'jwt' } })).message).toContain(
      'session.strategy',
    )
  })

  it.each([-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '30', null])(
    'session.maxAge = %s',
    (maxAge) => {
      const error = configError(base({ session: { maxAge: maxAge as number } }))
      expect(error.message).toContain('session.maxAge')
    },
  )

  it('a session.maxAge too large for a Date ("never expire") is refused at start-up, not on each sign-in', () => {
    expect(configError(base({ session: { maxAge: Number.MAX_SAFE_INTEGER } })).message).toContain(
      'session.maxAge',
    )
    expect(() => validateOptions(base({ session: { maxAge: 365 * 86400 } }))).not.toThrow()
  })

  it('a v4 app with a maxAge of two years still starts (v4 accepted it; only the cookie is capped by browsers)', async () => {
    const twoYears = 2 * 365 * 86400
    const options = base({ logger: recordingLogger().logger, session: { maxAge: twoYears } })
    expect(() => validateOptions(options)).not.toThrow()
    const client = new Client(engine(options))
    await client.signIn(login('ada'))
    const claims = decode({
      token: client.cookies.get('next-auth.session-token')!,
      secret: SECRET,
    })!
    expect(claims.exp! - claims.iat!).toBe(twoYears)
  })

  it('a negative session.updateAge, while 0 is allowed', () => {
    expect(configError(base({ session: { updateAge: -5 } })).message).toContain('session.updateAge')
    expect(() => validateOptions(base({ session: { updateAge: 0 } }))).not.toThrow()
  })

  it('a bad jwt.maxAge', () => {
    expect(configError(base({ jwt: { maxAge: -1 } })).message).toContain('jwt.maxAge')
  })

  it('an unknown cookie key', () => {
    const error = configError(
      base({ cookies: { sessionCookie: { name: 'x', options: {} } } as never }),
    )
    expect(error.message).toContain('cookies.sessionCookie')
    expect(error.message).toContain('sessionToken')
  })

  it('a cookie override without a name', () => {
    const error = configError(base({ cookies: { sessionToken: { name: '', options: {} } } }))
    expect(error.message).toContain('cookies.sessionToken.name')
  })

  it('a credentials provider without authorize', () => {
    const error = configError({
      secret: SECRET,
      providers: [{ id: 'password', name: 'Password', type: 'credentials', credentials: {} }],
    })
    expect(error.message).toContain('"password"')
    expect(error.message).toContain('authorize')
  })

  it('an adapter missing methods, each named', () => {
    const partial: Partial<ReturnType<typeof MemoryAdapter>> = MemoryAdapter()
    delete partial.getSessionAndUser
    delete partial.updateSession
    const error = configError(base({ adapter: partial }))
    expect(error.message).toContain('adapter.getSessionAndUser()')
    expect(error.message).toContain('adapter.updateSession()')
  })

  it('an adapter missing user methods even with JWT sessions', () => {
    const partial: Partial<ReturnType<typeof MemoryAdapter>> = MemoryAdapter()
    delete partial.getUserByAccount
    const error = configError(base({ adapter: partial, session: { strategy: 'jwt' } }))
    expect(error.message).toContain('adapter.getUserByAccount()')
  })

  it.each(['signIn', 'signOut', 'error', 'verifyRequest', 'newUser'])(
    'a pages.%s that is not a URL or path',
    (page) => {
      const error = configError(base({ pages: { [page]: 'http://[not-a-host' } }))
      expect(error.message).toContain(`pages.${page}`)
    },
  )

  it.each(['signIn', 'redirect', 'jwt', 'session'])(
    'a callbacks.%s that is not a function',
    (name) => {
      const error = configError(base({ callbacks: { [name]: { oops: true } } as never }))
      expect(error.message).toContain(`callbacks.${name}`)
    },
  )

  it('an events handler that is not a function', () => {
    expect(configError(base({ events: { signIn: 'log it' } as never })).message).toContain(
      'events.signIn',
    )
  })

  it('a logger method that is not a function', () => {
    expect(configError(base({ logger: { error: 'console' } as never })).message).toContain(
      'logger.error',
    )
  })

  it('a page set to null (as some v4 configs leave newUser) is accepted as "not set"', async () => {
    const options = base({ pages: { signIn: '/login', newUser: null } as never })
    expect(() => validateOptions(options)).not.toThrow()
    const response = await new Client(engine(options)).fetch('signin')
    expect(new URL(response.headers.get('location')!).pathname).toBe('/login')
  })

  it('a logger object with more methods than error/warn/debug (console, pino, winston) is accepted', () => {
    const seen: string[] = []
    const richLogger = {
      error: (code: string) => void seen.push(code),
      warn: () => {},
      debug: () => {},
      info: () => {},
      trace: () => {},
      child: () => richLogger,
    }
    expect(() => validateOptions(base({ logger: richLogger }))).not.toThrow()
    expect(() => validateOptions(base({ logger: console }))).not.toThrow()
  })

  it('a class-based logger keeps its `this` (methods are called on the logger object)', async () => {
    class AppLogger {
      readonly codes: string[] = []
      error(code: string) {
        this.codes.push(code)
      }
      warn() {}
      debug() {}
    }
    const appLogger = new AppLogger()
    const client = new Client(engine(base({ logger: appLogger })))
    await client.signIn({ username: 'ada', password: 'wrong' })
    expect(appLogger.codes).toContain('CredentialsSignin')
  })

  it('a basePath not starting with /', () => {
    expect(configError(base({ basePath: 'api/auth' })).message).toContain('basePath')
  })

  it('a NEXTAUTH_URL that is not a URL', () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://exa mple.com')
    expect(configError(base()).message).toContain('NEXTAUTH_URL')
  })
})

describe('validated once per options object', () => {
  it('reads a getter on the options only on the first request', async () => {
    let reads = 0
    const options = base()
    Object.defineProperty(options, 'session', {
      enumerable: true,
      get() {
        reads++
        return { maxAge: 3600 }
      },
    })
    const client = new Client(engine(options))
    await client.csrf()
    const afterFirst = reads
    expect(afterFirst).toBeGreaterThan(0)
    await client.signIn(login('ada'))
    await client.session()
    await client.session()
    validateOptions(options)
    expect(reads).toBe(afterFirst)
  })

  it('returns the same normalised config for the same object, another for another', () => {
    const options = base()
    expect(loadConfig(options)).toBe(loadConfig(options))
    expect(loadConfig(base())).not.toBe(loadConfig(options))
  })

  it('reads the environment when the options are first validated', () => {
    const options = base()
    loadConfig(options)
    vi.stubEnv('NEXTAUTH_URL', 'https://later.example')
    expect(loadConfig(options).url).toBeNull()
  })
})

describe('secret from the environment', () => {
  async function sessionToken(options: AuthOptions): Promise<string> {
    const client = new Client(engine(options))
    const response = await client.signIn(login('ada'))
    return setCookie(response, 'next-auth.session-token')!.value
  }

  it('uses NEXTAUTH_SECRET when the option is not set', async () => {
    vi.stubEnv('NEXTAUTH_SECRET', 'from-nextauth-secret-env-3b1f8c0d2e4a')
    const token = await sessionToken({ providers: [passwordProvider()] })
    expect(decode({ token, secret: 'from-nextauth-secret-env-3b1f8c0d2e4a' })?.sub).toBe('user-ada')
  })

  it('uses AUTH_SECRET when NEXTAUTH_SECRET is not set', async () => {
    vi.stubEnv('AUTH_SECRET', 'from-auth-secret-env-7a9d2c4e6f80')
    const token = await sessionToken({ providers: [passwordProvider()] })
    expect(decode({ token, secret: 'from-auth-secret-env-7a9d2c4e6f80' })?.sub).toBe('user-ada')
  })

  it('NEXTAUTH_SECRET wins over AUTH_SECRET, the option over both', async () => {
    vi.stubEnv('NEXTAUTH_SECRET', 'nextauth-secret-wins-0000000000')
    vi.stubEnv('AUTH_SECRET', 'auth-secret-loses-11111111111111')
    const fromEnv = await sessionToken({ providers: [passwordProvider()] })
    expect(decode({ token: fromEnv, secret: 'nextauth-secret-wins-0000000000' })).not.toBeNull()
    const fromOption = await sessionToken(base())
    expect(decode({ token: fromOption, secret: SECRET })).not.toBeNull()
  })

  it('in production a secret from the environment satisfies validation', () => {
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('AUTH_SECRET', 'production-secret-from-env-5555555')
    expect(() => validateOptions({ providers: [passwordProvider()] })).not.toThrow()
  })

  it('outside production without any secret, a session forged from public facts is refused', async () => {
    // Deployments that forget NODE_ENV=production run on the development fallback; it must not
    // be derivable from what an attacker can see (the provider ids on /providers).
    const options: AuthOptions = {
      providers: [passwordProvider()],
      logger: recordingLogger().logger,
    }
    const guessed = createHash('sha256')
      .update('gatehouse-development:credentials:credentials')
      .digest('hex')
    const forged = encode({
      token: { sub: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
      secret: guessed,
    })
    const client = new Client(engine(options))
    client.cookies.set('next-auth.session-token', forged)
    expect(await client.session()).toEqual({})
  })

  it('outside production without any secret: warns NO_SECRET and still works', async () => {
    const { logger, warnings } = recordingLogger()
    const client = new Client(engine({ providers: [passwordProvider()], logger }))
    await client.signIn(login('ada'))
    expect(warnings).toContain('NO_SECRET')
    expect(((await client.session()) as { user: { email: string } }).user.email).toBe(
      'ada@example.com',
    )
  })
})

describe('debug', () => {
  function debugLogger() {
    const codes: string[] = []
    return {
      codes,
      logger: { ...recordingLogger().logger, debug: (code: string) => void codes.push(code) },
    }
  }

  it('debug: true sends debug lines to logger.debug during a sign-in and a session read', async () => {
    const { codes, logger } = debugLogger()
    const client = new Client(engine(base({ debug: true, logger })))
    await client.signIn(login('ada'))
    await client.session()
    expect(codes.length).toBeGreaterThan(0)
  })

  it('without debug, logger.debug is never called', async () => {
    const { codes, logger } = debugLogger()
    const client = new Client(engine(base({ logger })))
    await client.signIn(login('ada'))
    await client.session()
    expect(codes).toEqual([])
  })
})

describe('a misconfigured app answers cleanly', () => {
  it('answers 500 without the message or a stack, and logs the Configuration code through the logger option', async () => {
    const { logger, errors } = recordingLogger()
    const options = {
      secret: SECRET,
      logger,
      providers: [{ id: 'x', name: 'X', type: 'saml' }],
    } as unknown as AuthOptions
    const response = await Auth(new Request(`${ORIGIN}${BASE}/signin`), options)
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('saml')
    expect(text).not.toMatch(/\n\s+at /)
    expect(errors.map((entry) => entry.code)).toContain('Configuration')
  })

  it('sends page requests to pages.error?error=Configuration when the app has its own error page (as v4)', async () => {
    const options = {
      secret: SECRET,
      logger: recordingLogger().logger,
      pages: { error: '/auth-error' },
      providers: [{ id: 'x', name: 'X', type: 'saml' }],
    } as unknown as AuthOptions
    const response = await Auth(new Request(`${ORIGIN}${BASE}/signin`), options)
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location')!, ORIGIN)
    expect(location.pathname).toBe('/auth-error')
    expect(location.searchParams.get('error')).toBe('Configuration')
  })

  it('answers JSON on the JSON routes (as NextAuth.js v4), so clients can read it', async () => {
    const options = {
      secret: SECRET,
      logger: recordingLogger().logger,
      providers: [{ id: 'x', name: 'X', type: 'saml' }],
    } as unknown as AuthOptions
    const response = await Auth(new Request(`${ORIGIN}${BASE}/session`), options)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
  })
})
