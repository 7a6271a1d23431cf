import { scryptSync, timingSafeEqual } from 'node:crypto'

/**
 * Checks a password against a stored `salt:hash` (both base64url) made with scrypt, the
 * memory-hard key derivation built into Node.js. Comparison is constant-time.
 */
export function verifyPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':')
  if (!salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length)
  return timingSafeEqual(actual, expected)
}
