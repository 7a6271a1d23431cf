/**
 * Baseline: a server that only decrypts a JWE session cookie (dir + A256GCM, key derived once
 * with HKDF) with node:crypto and answers the session, without any auth library around it.
 * `POST /api/auth/signin` sets the cookie.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { BASE_PATH, SECRET, USER } from '../lib/fixtures.mjs'

export const label = 'JWE decrypt only'

const COOKIE = 'session'
const HEADER = Buffer.from('{"alg":"dir","enc":"A256GCM"}').toString('base64url')
const MAX_AGE = 30 * 24 * 60 * 60
const key = Buffer.from(hkdfSync('sha256', SECRET, '', 'bench JWE baseline key', 32))

function encrypt(claims) {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(HEADER))
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()])
  const tag = cipher.getAuthTag().toString('base64url')
  return `${HEADER}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag}`
}

/** The claims of a token, or null when it does not decrypt or has expired. */
export function decrypt(token) {
  const parts = token.split('.')
  if (parts.length !== 5 || parts[0] !== HEADER) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'))
    decipher.setAAD(Buffer.from(parts[0]))
    decipher.setAuthTag(Buffer.from(parts[4], 'base64url'))
    const plain = Buffer.concat([
      decipher.update(Buffer.from(parts[3], 'base64url')),
      decipher.final(),
    ])
    const claims = JSON.parse(plain.toString())
    return claims.exp > Date.now() / 1000 ? claims : null
  } catch {
    return null
  }
}

function sessionCookie(header) {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=')
    if (pair.slice(0, at).trim() === COOKIE) return pair.slice(at + 1).trim()
  }
  return undefined
}

export async function createApp() {
  const sessionPath = `${BASE_PATH}/session`
  return {
    sessionPath,
    handler(req, res) {
      if (req.method === 'POST' && req.url === `${BASE_PATH}/signin`) {
        const now = Math.floor(Date.now() / 1000)
        const token = encrypt({
          name: USER.name,
          email: USER.email,
          sub: USER.id,
          iat: now,
          exp: now + MAX_AGE,
        })
        res.setHeader('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`)
        return res.end('{}')
      }
      const token = sessionCookie(req.headers.cookie)
      const claims = token && decrypt(token)
      res.setHeader('content-type', 'application/json')
      if (!claims) return res.end('{}')
      res.end(
        JSON.stringify({
          user: { name: claims.name, email: claims.email, image: null },
          expires: new Date(claims.exp * 1000).toISOString(),
        }),
      )
    },
    prepareRead(cookieHeader) {
      const token = sessionCookie(cookieHeader)
      return async () => decrypt(token)?.email
    },
  }
}
