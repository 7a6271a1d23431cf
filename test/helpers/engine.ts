/**
 * Helpers for the engine's own suites: a cookie-keeping client that sends real `Request`
 * objects either straight to `Auth(request, options)` or over real HTTP, Set-Cookie parsing,
 * a recording logger and a credentials provider backed by a fixed user list.
 */
import { Auth } from '../../src/core/index.js'
import type { AuthOptions, LoggerInstance, User } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'

/** The origin the in-process client pretends to be on. */
export const ORIGIN = 'http://localhost:3000'
/** A secret for tests; long and random enough for HKDF. */
export const SECRET = 'engine-test-secret-0f9c2b7e4d1a6358c9e0b2f4a7d1c3e5'
export const BASE = '/api/auth'

/** One `Set-Cookie` line, split into name, value and attributes (lower-cased keys). */
export interface ParsedSetCookie {
  name: string
  value: string
  attributes: Record<string, string | true>
  line: string
}

/** Every `Set-Cookie` of a response, parsed. */
export function setCookies(response: Response): ParsedSetCookie[] {
  return response.headers.getSetCookie().map((line) => {
    const [pair, ...rest] = line.split(';')
    const index = pair!.indexOf('=')
    const attributes: Record<string, string | true> = {}
    for (const attribute of rest) {
      const [key, ...value] = attribute.trim().split('=')
      if (key) attributes[key.toLowerCase()] = value.length > 0 ? value.join('=') : true
    }
    return {
      name: pair!.slice(0, index).trim(),
      value: decodeURIComponent(pair!.slice(index + 1).trim()),
      attributes,
      line,
    }
  })
}

/** The `Set-Cookie` for `name`, if the response sets (or deletes) it. */
export function setCookie(response: Response, name: string): ParsedSetCookie | undefined {
  return setCookies(response).find((cookie) => cookie.name === name)
}

/** Whether a parsed cookie deletes rather than sets. */
export function isDeletion(cookie: ParsedSetCookie): boolean {
  const maxAge = cookie.attributes['max-age']
  if (maxAge !== undefined && Number(maxAge) <= 0) return true
  const expires = cookie.attributes.expires
  return typeof expires === 'string' && new Date(expires).getTime() <= Date.now()
}

/** Sends one request and returns the response. */
export type Send = (request: Request) => Promise<Response>

/** `Auth` as a {@link Send}. */
export function engine(options: AuthOptions): Send {
  return (request) => Auth(request, options)
}

/** Real HTTP without following redirects, as a {@link Send}. */
export const overHttp: Send = (request) => fetch(request, { redirect: 'manual' })

/**
 * A browser-like client: keeps the cookies it is given, never follows redirects, sends every
 * request as a real `Request` through `send`.
 */
export class Client {
  readonly cookies = new Map<string, string>()

  constructor(
    readonly send: Send,
    readonly origin: string = ORIGIN,
    readonly basePath: string = BASE,
  ) {}

  cookieHeader(): string {
    return [...this.cookies]
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('; ')
  }

  store(response: Response): void {
    for (const cookie of setCookies(response)) {
      if (isDeletion(cookie) || cookie.value === '') this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
  }

  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0 && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    const url = path.startsWith('http')
      ? path
      : `${this.origin}${path.startsWith('/') ? path : `${this.basePath}/${path}`}`
    return new Request(url, { ...init, headers })
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await this.send(this.request(path, init))
    this.store(response)
    return response
  }

  async csrf(): Promise<string> {
    const response = await this.fetch('csrf')
    return ((await response.json()) as { csrfToken: string }).csrfToken
  }

  /** A URL-encoded form POST, as a browser or `next-auth/react` sends it. */
  post(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    })
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  }

  async session(): Promise<Record<string, unknown>> {
    const response = await this.fetch('session')
    return (await response.json()) as Record<string, unknown>
  }

  /** Signs in with the credentials provider: fetches a CSRF token, posts the form. */
  async signIn(
    fields: Record<string, string>,
    providerId = 'credentials',
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const csrfToken = await this.csrf()
    return this.post(`callback/${providerId}`, { csrfToken, ...fields }, headers)
  }
}

/** A logger that records every call, for assertions on codes. */
export function recordingLogger(): {
  logger: LoggerInstance
  errors: Array<{ code: string; metadata: unknown }>
  warnings: string[]
} {
  const errors: Array<{ code: string; metadata: unknown }> = []
  const warnings: string[] = []
  return {
    errors,
    warnings,
    logger: {
      error: (code, metadata) => errors.push({ code, metadata }),
      warn: (code) => warnings.push(code),
      debug: () => {},
    },
  }
}

/** The users the test credentials provider knows, by username; the password is `pw-<name>`. */
export const USERS: Record<string, User> = {
  ada: { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', image: null },
  alan: { id: 'user-alan', name: 'Alan Turing', email: 'alan@example.com', image: null },
}

/** A credentials provider that accepts `username` / `password` of {@link USERS}. */
export function passwordProvider(extra: Partial<Parameters<typeof CredentialsProvider>[0]> = {}) {
  return CredentialsProvider({
    name: 'Password',
    credentials: {
      username: { label: 'Username', type: 'text' },
      password: { label: 'Password', type: 'password' },
    },
    authorize(credentials) {
      const username = credentials?.username
      const user = username === undefined ? undefined : USERS[username]
      return user && credentials?.password === `pw-${username}` ? { ...user } : null
    },
    ...extra,
  })
}

/** Fields that sign `name` in with {@link passwordProvider}. */
export function login(
  name: keyof typeof USERS & string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { username: name, password: `pw-${name}`, ...extra }
}
