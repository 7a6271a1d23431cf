/**
 * Verification tokens: what the link carries is random, what the adapter stores is a hash of
 * it bound to the secret, so a leaked verification-token table signs nobody in.
 *
 * @module
 */

const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += hexDigits[byte]
  return hex
}

/**
 * Returns a random token of 32 bytes as 64 hex characters.
 *
 * @example
 * ```ts
 * const token = randomVerificationToken() // '9f86d081884c7d65...'
 * ```
 */
export function randomVerificationToken(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * Hashes a token with a secret: SHA-256 of the token followed by the secret, as hex. This is the
 * value NextAuth.js v4 stores, so links sent by a v4 app before it moved to Gatehouse still work.
 *
 * @example
 * ```ts
 * const stored = await hashVerificationToken(token, config.secret[0]!)
 * ```
 */
export async function hashVerificationToken(token: string, secret: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${token}${secret}`),
  )
  return toHex(new Uint8Array(digest))
}
