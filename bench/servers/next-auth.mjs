/**
 * next-auth 4.24: its API route handler `NextAuth(req, res, options)` on node:http, with the
 * request fields a Next.js API route would have filled in (query, cookies, parsed body) and
 * the response helpers it calls (status, json, send). Credentials sign-in, JWT sessions.
 */
import { createRequire } from 'node:module'
import { BASE_PATH, PASSWORD, SECRET, USER } from '../lib/fixtures.mjs'

export const label = 'next-auth 4'

const require = createRequire(import.meta.url)
const NextAuth = require('next-auth').default
const { getServerSession } = require('next-auth/next')
const CredentialsProvider = require('next-auth/providers/credentials').default

function parseCookies(header) {
  const cookies = {}
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (at > 0) cookies[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim())
  }
  return cookies
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString()))
    req.on('error', reject)
  })
}

/** Fills in what Next.js gives an API route: `req.query`, `req.cookies`, `req.body`, `res.*`. */
async function asApiRoute(req, res, origin) {
  const url = new URL(req.url, origin)
  const nextauth = url.pathname.slice(BASE_PATH.length + 1).split('/')
  req.query = { ...Object.fromEntries(url.searchParams), nextauth }
  req.cookies = parseCookies(req.headers.cookie)
  if (req.method === 'POST') {
    const raw = await readBody(req)
    req.body = (req.headers['content-type'] ?? '').includes('json')
      ? JSON.parse(raw || '{}')
      : Object.fromEntries(new URLSearchParams(raw))
  }
  res.status = (code) => {
    res.statusCode = code
    return res
  }
  res.json = (value) => {
    res.setHeader('content-type', 'application/json; charset=utf-8')
    res.end(JSON.stringify(value))
  }
  res.send = (value) => {
    if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value))
      return res.json(value)
    res.end(value)
  }
}

export async function createApp({ origin }) {
  process.env.NEXTAUTH_URL = `${origin}${BASE_PATH}`
  const options = {
    secret: SECRET,
    providers: [
      CredentialsProvider({
        credentials: {
          email: { label: 'Email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials) {
          return credentials?.email === USER.email && credentials?.password === PASSWORD
            ? USER
            : null
        },
      }),
    ],
    session: { strategy: 'jwt' },
  }
  return {
    sessionPath: `${BASE_PATH}/session`,
    async handler(req, res) {
      try {
        await asApiRoute(req, res, origin)
        await NextAuth(req, res, options)
      } catch (error) {
        res.statusCode = 500
        res.end(String(error?.stack ?? error))
      }
    },
    prepareRead(cookieHeader) {
      const req = {
        headers: { cookie: cookieHeader, host: new URL(origin).host },
        cookies: parseCookies(cookieHeader),
      }
      const res = { getHeader() {}, setCookie() {}, setHeader() {} }
      return async () => (await getServerSession(req, res, options))?.user?.email
    },
  }
}
