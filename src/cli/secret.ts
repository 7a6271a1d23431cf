/**
 * `gatehouse secret`: a new random value for the `secret` option.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'

/**
 * A new secret: 32 random bytes, base64url-encoded (43 characters), enough for the HKDF key
 * derivation of session tokens and for CSRF hashes.
 *
 * @example
 * ```ts
 * const secret = createSecret() // e.g. 'mV2l0c...' (43 characters)
 * ```
 */
export function createSecret(): string {
  return randomBytes(32).toString('base64url')
}
