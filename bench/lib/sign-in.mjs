/**
 * Signs in to each server the way a browser would, through the library's own routes, and
 * returns the Cookie header that the session requests then send. Each flow ends by reading the
 * session once and failing loudly if it does not carry the user.
 */
import { BASE_PATH, PASSWORD, USER, isSignedIn } from './fixtures.mjs'

/** A cookie jar of one site: what Set-Cookie stored, as a Cookie header. */
class CookieJar {
  #cookies = new Map()

  store(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (!value || expired) this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  header() {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

async function call(jar, url, init = {}) {
  const response = await fetch(url, {
    redirect: 'manual',
    ...init,
    headers: { cookie: jar.header(), ...init.headers },
  })
  jar.store(response)
  return response
}

function form(origin, fields) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(fields).toString(),
  }
}

async function csrfToken(jar, origin) {
  const response = await call(jar, `${origin}${BASE_PATH}/csrf`)
  return (await response.json()).csrfToken
}

/** NextAuth.js v4 protocol (Gatehouse, next-auth): CSRF token, then the credentials callback. */
async function credentialsV4(jar, origin) {
  const token = await csrfToken(jar, origin)
  await call(
    jar,
    `${origin}${BASE_PATH}/callback/credentials`,
    form(origin, {
      csrfToken: token,
      email: USER.email,
      password: PASSWORD,
      callbackUrl: `${origin}/`,
      json: 'true',
    }),
  )
}

/** Auth.js: credentials for JWT sessions, the email link for database sessions. */
async function authjs(jar, origin, db) {
  const token = await csrfToken(jar, origin)
  if (db === 'memory') {
    await call(
      jar,
      `${origin}${BASE_PATH}/callback/credentials`,
      form(origin, {
        csrfToken: token,
        email: USER.email,
        password: PASSWORD,
        callbackUrl: `${origin}/`,
      }),
    )
    return
  }
  await call(
    jar,
    `${origin}${BASE_PATH}/signin/email`,
    form(origin, { csrfToken: token, email: USER.email, callbackUrl: `${origin}/` }),
  )
  const { url } = await (await call(jar, `${origin}/__bench/last-link`)).json()
  if (!url) throw new Error('@auth/core sent no sign-in link')
  await call(jar, url)
}

/** better-auth: sign up, then sign in with email and password. */
async function betterAuth(jar, origin) {
  const json = (body) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  })
  await call(
    jar,
    `${origin}/api/auth/sign-up/email`,
    json({ email: USER.email, password: PASSWORD, name: USER.name }),
  )
  const response = await call(
    jar,
    `${origin}/api/auth/sign-in/email`,
    json({ email: USER.email, password: PASSWORD }),
  )
  if (!response.ok)
    throw new Error(`better-auth sign-in answered ${response.status}: ${await response.text()}`)
}

const FLOWS = {
  bare: async () => {},
  jwe: (jar, origin) => call(jar, `${origin}${BASE_PATH}/signin`, { method: 'POST' }),
  gatehouse: credentialsV4,
  'gatehouse-read': credentialsV4,
  'gatehouse-web': credentialsV4,
  'gatehouse-uncached': credentialsV4,
  'next-auth': credentialsV4,
  authjs,
  'better-auth': betterAuth,
}

/** Signs in to `library` at `origin` and returns the Cookie header of the signed-in browser. */
export async function signIn(library, origin, sessionPath, db = 'memory') {
  const jar = new CookieJar()
  await FLOWS[library](jar, origin, db)
  const cookie = jar.header()
  const check = await fetch(`${origin}${sessionPath}`, { headers: { cookie } })
  const body = await check.text()
  if (check.status !== 200 || !isSignedIn(body)) {
    throw new Error(
      `${library} (${db}): signing in gave no session: ${check.status} ${body.slice(0, 300)}`,
    )
  }
  return cookie
}
