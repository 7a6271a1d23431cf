/**
 * Session tokens as JWE compact serialisations: `alg: dir`, `enc: A256GCM`, with a key derived
 * from the secret by HKDF-SHA256, the format of NextAuth.js v4, so a migrating app keeps its
 * users signed in. The one algorithm is run with `node:crypto` directly: it is synchronous and
 * needs no key import per call, which keeps a session read close to the cost of a plain response.
 * Interop tests prove the tokens equal to what `jose` writes and reads.
 *
 * @module
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from 'node:crypto'
import type { JWT, JWTDecodeParams, JWTEncodeParams } from '../types.js'

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60
/** Seconds of clock skew tolerated on `exp`, as in NextAuth.js. */
const CLOCK_TOLERANCE = 15
const HEADER = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url')
const HEADER_BYTES = Buffer.from(HEADER, 'ascii')

const keys = new Map<string, Buffer>()

/**
 * The 256-bit content-encryption key for `secret` and `salt`, derived once and kept.
 *
 * @example
 * ```ts
 * const key = deriveEncryptionKey(process.env.AUTH_SECRET!, '')
 * ```
 */
export function deriveEncryptionKey(secret: string, salt: string): Buffer {
  const id = `${salt.length}:${salt}:${secret}`
  let key = keys.get(id)
  if (!key) {
    const info = salt
      ? `NextAuth.js Generated Encryption Key (${salt})`
      : 'NextAuth.js Generated Encryption Key'
    key = Buffer.from(hkdfSync('sha256', secret, salt, info, 32))
    if (keys.size > 1000) keys.clear()
    keys.set(id, key)
  }
  return key
}

function firstSecret(secret: string | string[]): string {
  const value = Array.isArray(secret) ? secret[0] : secret
  if (!value) throw new TypeError('"secret" must be a non-empty string or array of strings')
  return value
}

/**
 * Encrypts `token` for `secret` (the first one, when an array), adding `iat`, `exp` and `jti`.
 *
 * @example
 * ```ts
 * const jwe = encode({ token: { sub: user.id, name: user.name }, secret, maxAge: 3600 })
 * ```
 */
export function encode(params: JWTEncodeParams): string {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = '' } = params
  const key = deriveEncryptionKey(firstSecret(secret), salt)
  const now = Math.floor(Date.now() / 1000)
  const claims = { ...token, iat: now, exp: now + maxAge, jti: randomUUID() }

  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(HEADER_BYTES)
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return `${HEADER}..${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${tag.toString('base64url')}`
}

const B64URL = /^[A-Za-z0-9_-]*$/
const B64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * Whether an unpadded base64url string is in its one canonical form: the bits its last
 * character carries beyond the data must be zero. Otherwise a token has several spellings that
 * decode to the same bytes, so a changed character could still be accepted.
 */
function isCanonicalBase64url(part: string): boolean {
  const tail = part.length % 4
  if (tail === 0) return true
  if (tail === 1) return false
  const value = B64URL_ALPHABET.indexOf(part[part.length - 1]!)
  return value % (tail === 2 ? 16 : 4) === 0
}

function decryptWith(key: Buffer, parts: string[]): Buffer | null {
  const [header, , iv, ciphertext, tag] = parts as [string, string, string, string, string]
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
      authTagLength: 16,
    })
    decipher.setAAD(Buffer.from(header, 'ascii'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
  } catch {
    return null
  }
}

function isSupportedHeader(header: string): boolean {
  if (header === HEADER) return true
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
    const names = Object.keys(parsed).sort().join(',')
    return names === 'alg,enc' && parsed.alg === 'dir' && parsed.enc === 'A256GCM'
  } catch {
    return false
  }
}

/**
 * Decrypts a token made by {@link encode} (or by NextAuth.js v4 or `jose` with the same key).
 * Returns `null` for anything else: another format, another secret, a tampered or expired
 * token. With an array of secrets each is tried, newest first.
 *
 * @example
 * ```ts
 * const token = decode({ token: cookieValue, secret: [newSecret, oldSecret] })
 * if (token) console.info(token.sub)
 * ```
 */
export function decode(params: JWTDecodeParams): JWT | null {
  const { token, secret, salt = '' } = params
  const found = decrypt(token, Array.isArray(secret) ? secret : [secret], salt)
  return found ? checkClaims(found.plaintext) : null
}

/**
 * The plaintext of a token made by {@link encode}, and the index of the secret that opened it;
 * `null` when none does or the token is not one of ours. Claims are not checked: see
 * {@link checkClaims}.
 *
 * @example
 * ```ts
 * const found = decrypt(cookieValue, [newSecret, oldSecret])
 * if (found && found.secretIndex > 0) reissue()
 * ```
 */
export function decrypt(
  token: string | undefined,
  secrets: readonly string[],
  salt = '',
): { plaintext: string; secretIndex: number } | null {
  if (!token || token.length > 64 * 1024) return null
  const parts = token.split('.')
  if (parts.length !== 5 || parts[1] !== '') return null
  if (!parts.every((part) => B64URL.test(part))) return null
  if (parts[2]!.length !== 16 || parts[4]!.length !== 22) return null
  if (!isCanonicalBase64url(parts[3]!) || !isCanonicalBase64url(parts[4]!)) return null
  if (!isSupportedHeader(parts[0]!)) return null

  for (let index = 0; index < secrets.length; index += 1) {
    const candidate = secrets[index]
    if (!candidate) continue
    const plaintext = decryptWith(deriveEncryptionKey(candidate, salt), parts)
    if (plaintext) return { plaintext: plaintext.toString('utf8'), secretIndex: index }
  }
  return null
}

/**
 * The claims of a decrypted token, or `null` when it is not a JSON object or is expired (`exp`)
 * or not yet valid (`nbf`), with 15 seconds of tolerance.
 *
 * @example
 * ```ts
 * const claims = checkClaims('{"sub":"u1","exp":1893456000}')
 * ```
 */
export function checkClaims(plaintext: string): JWT | null {
  let claims: unknown
  try {
    claims = JSON.parse(plaintext)
  } catch {
    return null
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null
  const { exp, nbf } = claims as { exp?: unknown; nbf?: unknown }
  const now = Math.floor(Date.now() / 1000)
  if (exp !== undefined && (typeof exp !== 'number' || exp <= now - CLOCK_TOLERANCE)) return null
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_TOLERANCE)) return null
  return claims as JWT
}
