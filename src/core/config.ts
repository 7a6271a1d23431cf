/**
 * Validates and normalises the options once per options object. Every mistake is reported as a
 * {@link ConfigurationError} that names the option and says how to fix it, so a misconfigured
 * app fails at start-up rather than on a user's request.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { defaultCookies } from './cookies.js'
import { normalizeEmailProvider } from './email/provider.js'
import { ConfigurationError } from './errors.js'
import type { InternalConfig, InternalProvider } from './internal.js'
import { createLogger } from './logger.js'
import { normalizeOAuthProvider } from './oauth/provider.js'
import { normalizeRateLimit } from './rate-limit.js'
import { decode, encode } from './session/jwt.js'
import { TokenCache } from './session/token-cache.js'
import { defaultRedirect } from './callback-url.js'
import type {
  AuthOptions,
  CallbacksOptions,
  CookiesOptions,
  CredentialsConfig,
  Provider,
} from './types.js'

const configs = new WeakMap<AuthOptions, InternalConfig>()
const developmentSecret = randomBytes(32).toString('base64url')
const PROVIDER_TYPES = new Set(['oauth', 'oidc', 'email', 'credentials'])
const DAY = 24 * 60 * 60

/** The default `jwt` callback: the token unchanged. */
export const identityJwt: Required<CallbacksOptions>['jwt'] = ({ token }) => token

/** The default `session` callback: the session unchanged. */
export const identitySession: Required<CallbacksOptions>['session'] = ({ session }) => session

/**
 * The validated form of `options`, computed on the first call and cached for the object.
 * Throws {@link ConfigurationError} naming the offending option.
 *
 * @example
 * ```ts
 * // Fail at start-up instead of on the first request:
 * loadConfig(authOptions)
 * ```
 */
export function loadConfig(options: AuthOptions): InternalConfig {
  let config = configs.get(options)
  if (!config) {
    config = normalize(options)
    configs.set(options, config)
  }
  return config
}

function normalize(options: AuthOptions): InternalConfig {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError('The options must be an object, e.g. NextAuth({ providers: [] }).')
  }
  const logger = createLogger(
    functions(options.logger, 'logger', LOGGER_NAMES, true),
    options.debug === true,
  )
  const env = process.env

  const url = parseAppUrl(env.NEXTAUTH_URL ?? env.AUTH_URL)
  const basePath = normalizeBasePath(
    options.basePath ?? (url && url.pathname !== '/' ? url.pathname : '/api/auth'),
  )
  const providers = normalizeProviders(options, basePath)
  const secret = normalizeSecret(options, logger)

  const adapter = options.adapter
  const requested = options.session?.strategy ?? (adapter ? 'database' : 'jwt')
  if (requested !== 'jwt' && requested !== 'database') {
    throw new ConfigurationError(
      `session.strategy must be 'jwt' or 'database', got ${JSON.stringify(requested)}.`,
    )
  }
  const strategy = requested as 'jwt' | 'database'
  if (strategy === 'database')
    requireAdapterMethods(adapter, "session.strategy: 'database'", [
      'createSession',
      'getSessionAndUser',
      'updateSession',
      'deleteSession',
    ])
  for (const provider of providers) {
    if (provider.type === 'email') {
      requireAdapterMethods(adapter, `the email provider "${provider.id}"`, [
        'createVerificationToken',
        'useVerificationToken',
        'getUserByEmail',
        'createUser',
        'updateUser',
      ])
    }
  }
  if (adapter)
    requireAdapterMethods(
      adapter,
      'an adapter',
      ['createUser', 'getUser', 'getUserByEmail', 'getUserByAccount', 'linkAccount'],
      true,
    )

  const maxAge = positiveSeconds(options.session?.maxAge, 30 * DAY, 'session.maxAge')
  const updateAge = positiveSeconds(options.session?.updateAge, DAY, 'session.updateAge', true)
  const generateSessionToken =
    options.session?.generateSessionToken ?? (() => randomBytes(32).toString('hex'))

  return {
    options,
    providers,
    providersById: new Map(providers.map((provider) => [provider.id, provider])),
    secret,
    secretOption: secretOption(options, secret),
    basePath,
    url,
    trustHost: options.trustHost ?? ['true', '1'].includes(env.AUTH_TRUST_HOST ?? ''),
    session: { strategy, maxAge, updateAge, generateSessionToken },
    jwt: {
      maxAge: positiveSeconds(options.jwt?.maxAge, maxAge, 'jwt.maxAge'),
      encode: options.jwt?.encode ?? encode,
      decode: options.jwt?.decode ?? decode,
    },
    cookies: { insecure: mergeCookies(false, options), secure: mergeCookies(true, options) },
    useSecureCookies: options.useSecureCookies,
    callbacks: {
      ...functions(options.callbacks, 'callbacks', CALLBACK_NAMES),
      signIn: options.callbacks?.signIn ?? (() => true),
      redirect: options.callbacks?.redirect ?? defaultRedirect,
      jwt: options.callbacks?.jwt ?? identityJwt,
      session: options.callbacks?.session ?? identitySession,
    },
    events: functions(options.events, 'events', EVENT_NAMES),
    adapter,
    logger,
    pages: normalizePages(options.pages),
    theme: { colorScheme: 'auto', ...options.theme },
    rateLimit: normalizeRateLimit(options.rateLimit),
    refreshes: providers.some((provider) => 'refresh' in provider && Boolean(provider.refresh)),
    tokenCache: new TokenCache(),
  }
}

function parseAppUrl(value: string | undefined): URL | null {
  if (!value) return null
  try {
    const url = new URL(value.includes('://') ? value : `https://${value}`)
    return url
  } catch (cause) {
    throw new ConfigurationError(
      `NEXTAUTH_URL (or AUTH_URL) is not a URL: ${JSON.stringify(value)}. Set it to your app's public URL, e.g. https://app.example.com.`,
      { cause },
    )
  }
}

function normalizeBasePath(path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new ConfigurationError(
      `basePath must be a path starting with "/", got ${JSON.stringify(path)}.`,
    )
  }
  return path.replace(/\/+$/, '') || ''
}

function normalizeProviders(options: AuthOptions, basePath: string): InternalProvider[] {
  if (!Array.isArray(options.providers)) {
    throw new ConfigurationError(
      'providers must be an array of providers, e.g. providers: [GoogleProvider({ clientId, clientSecret })].',
    )
  }
  const seen = new Set<string>()
  return options.providers.map((raw: Provider, index) => {
    if (typeof raw !== 'object' || raw === null) {
      throw new ConfigurationError(
        `providers[${index}] is not a provider object; call the provider function, e.g. GoogleProvider({...}).`,
      )
    }
    const provider = { ...raw, ...(raw as { options?: object }).options } as Provider
    if (!PROVIDER_TYPES.has(provider.type)) {
      throw new ConfigurationError(
        `providers[${index}] has an unknown type ${JSON.stringify(provider.type)}; use 'oauth', 'oidc', 'email' or 'credentials'.`,
      )
    }
    if (typeof provider.id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(provider.id)) {
      throw new ConfigurationError(
        `providers[${index}].id must be a non-empty string of letters, digits, "-" or "_", got ${JSON.stringify(provider.id)}.`,
      )
    }
    if (seen.has(provider.id)) {
      throw new ConfigurationError(
        `Two providers have the id "${provider.id}"; give one of them another id, e.g. { id: '${provider.id}-2' }.`,
      )
    }
    seen.add(provider.id)

    if (provider.type === 'oauth' || provider.type === 'oidc')
      return normalizeOAuthProvider(raw as Parameters<typeof normalizeOAuthProvider>[0], basePath)
    if (provider.type === 'email')
      return normalizeEmailProvider(raw as Parameters<typeof normalizeEmailProvider>[0], basePath)
    const credentials = provider as CredentialsConfig
    if (typeof credentials.authorize !== 'function') {
      throw new ConfigurationError(
        `The credentials provider "${provider.id}" needs an authorize(credentials, request) function.`,
      )
    }
    return {
      ...credentials,
      name: credentials.name ?? 'Credentials',
      credentials: credentials.credentials ?? {},
      signinPath: `${basePath}/signin/${provider.id}`,
      callbackPath: `${basePath}/callback/${provider.id}`,
    }
  })
}

function normalizeSecret(options: AuthOptions, logger: InternalConfig['logger']): string[] {
  const env = process.env
  const configured = options.secret ?? env.NEXTAUTH_SECRET ?? env.AUTH_SECRET
  const secrets = (Array.isArray(configured) ? configured : [configured]).filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  )
  if (Array.isArray(configured) && secrets.length !== configured.length) {
    throw new ConfigurationError(
      'secret is an array with an empty or non-string entry; every secret must be a non-empty string.',
    )
  }
  if (secrets.length > 0) return secrets

  if (env.NODE_ENV === 'production') {
    throw new ConfigurationError(
      'secret is missing. Set the NEXTAUTH_SECRET (or AUTH_SECRET) environment variable or the `secret` option to a long random string; `npx gatehouse secret` prints one.',
    )
  }
  // Outside production a random secret for this process lets development start without one.
  // It must be random: anything derived from the configuration could be computed by others.
  // Sessions then end when the process restarts.
  logger.warn('NO_SECRET')
  return [developmentSecret]
}

function secretOption(options: AuthOptions, secrets: string[]): string | string[] {
  const configured = options.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET
  return Array.isArray(configured) ? secrets : secrets[0]!
}

function requireAdapterMethods(
  adapter: AuthOptions['adapter'],
  needer: string,
  methods: string[],
  adapterGiven = false,
): void {
  if (!adapter) {
    throw new ConfigurationError(
      `${needer} needs an adapter; set the adapter option, e.g. adapter: PrismaAdapter(prisma).`,
    )
  }
  const missing = methods.filter(
    (name) => typeof (adapter as Record<string, unknown>)[name] !== 'function',
  )
  if (missing.length > 0) {
    const prefix = adapterGiven ? 'The adapter' : `The adapter (needed by ${needer})`
    throw new ConfigurationError(
      `${prefix} lacks ${missing.map((name) => `adapter.${name}()`).join(', ')}.`,
    )
  }
}

/** The longest lifetime that still makes a valid cookie date (about 10,000 years). */
const MAX_SECONDS = 10_000 * 365 * DAY

function positiveSeconds(
  value: unknown,
  fallback: number,
  option: string,
  allowZero = false,
): number {
  if (value === undefined) return fallback
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new ConfigurationError(
      `${option} must be a positive number of seconds, got ${JSON.stringify(value)}.`,
    )
  }
  if (value > MAX_SECONDS) {
    throw new ConfigurationError(
      `${option} must be at most ${MAX_SECONDS} seconds, got ${value}; for sessions that never expire in practice use e.g. 10 years.`,
    )
  }
  return Math.floor(value)
}

const CALLBACK_NAMES = ['signIn', 'redirect', 'jwt', 'session']
const EVENT_NAMES = ['signIn', 'signOut', 'createUser', 'updateUser', 'linkAccount', 'session']
const LOGGER_NAMES = ['error', 'warn', 'debug']
const PAGE_NAMES = ['signIn', 'signOut', 'error', 'verifyRequest', 'newUser']

/**
 * Checks that every entry of `group` is a known name with a function. With `open`, other keys
 * are allowed (a logger object may have more methods than Gatehouse calls).
 */
function functions<T extends object>(
  group: T | undefined,
  option: string,
  names: string[],
  open = false,
): T {
  if (group === undefined) return {} as T
  if (typeof group !== 'object' || group === null) {
    throw new ConfigurationError(`${option} must be an object of functions (${names.join(', ')}).`)
  }
  for (const [name, value] of Object.entries(group)) {
    if (!names.includes(name)) {
      if (open) continue
      throw new ConfigurationError(
        `${option}.${name} is not one Gatehouse calls; use ${names.join(', ')}.`,
      )
    }
    if (value !== undefined && typeof value !== 'function') {
      throw new ConfigurationError(`${option}.${name} must be a function, got ${typeof value}.`)
    }
  }
  return group
}

function normalizePages(pages: AuthOptions['pages']): NonNullable<AuthOptions['pages']> {
  if (pages === undefined) return {}
  if (typeof pages !== 'object' || pages === null) {
    throw new ConfigurationError(
      "pages must be an object of paths, e.g. pages: { signIn: '/login' }.",
    )
  }
  for (const [name, value] of Object.entries(pages)) {
    if (!PAGE_NAMES.includes(name)) {
      throw new ConfigurationError(
        `pages.${name} is not a page Gatehouse links to; use ${PAGE_NAMES.join(', ')}.`,
      )
    }
    if (value === undefined || value === null) continue
    let valid = typeof value === 'string' && value.length > 0
    if (valid) {
      try {
        new URL(value as string, 'http://localhost')
      } catch {
        valid = false
      }
    }
    if (!valid) {
      throw new ConfigurationError(
        `pages.${name} must be a path such as '/login' or a URL, got ${JSON.stringify(value)}.`,
      )
    }
  }
  return Object.fromEntries(Object.entries(pages).filter(([, value]) => value != null))
}

function mergeCookies(secure: boolean, options: AuthOptions): CookiesOptions {
  const useSecure = options.useSecureCookies ?? secure
  const defaults = defaultCookies(useSecure)
  const merged = { ...defaults } as CookiesOptions
  for (const [key, override] of Object.entries(options.cookies ?? {})) {
    const name = key as keyof CookiesOptions
    if (!(name in defaults)) {
      throw new ConfigurationError(
        `cookies.${key} is not a cookie Gatehouse sets; use one of ${Object.keys(defaults).join(', ')}.`,
      )
    }
    if (!override?.name)
      throw new ConfigurationError(`cookies.${key}.name must be a non-empty string.`)
    merged[name] = {
      name: override.name,
      options: { ...defaults[name].options, ...override.options },
    }
  }
  return merged
}
