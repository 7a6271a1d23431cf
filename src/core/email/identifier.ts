/**
 * The canonical form of an email address used as a verification token's identifier and as the
 * user's address. One canonical form per mailbox means one user per mailbox.
 *
 * @module
 */
import { EmailSignin, isGatehouseError } from '../errors.js'
import type { InternalEmailProvider } from '../internal.js'

/** The longest address SMTP can carry (RFC 5321: 64 + 1 + 255). */
const maxAddressLength = 320

/**
 * Lower-cases and trims an address, and refuses anything that is not one plain address: several
 * `@`, a list (`,` or `;`), spaces, angle brackets, quotes or control characters. This is the
 * default `normalizeIdentifier` of the email provider.
 *
 * @throws {EmailSignin} when the value is not exactly one address.
 * @example
 * ```ts
 * defaultNormalizeIdentifier('  Ada@Example.COM ') // 'ada@example.com'
 * defaultNormalizeIdentifier('a@x.example,b@y.example') // throws EmailSignin
 * ```
 */
export function defaultNormalizeIdentifier(identifier: string): string {
  const address = String(identifier).trim().toLowerCase()
  if (address.length > maxAddressLength || /[\s,;<>"'()[\]\\\u0000-\u001f\u007f]/.test(address)) {
    throw new EmailSignin('The email address must be one plain address, without a name or a list.')
  }
  const parts = address.split('@')
  if (parts.length !== 2) {
    throw new EmailSignin('The email address must contain exactly one "@".')
  }
  const [local, domain] = parts as [string, string]
  if (local === '' || !/^[^.](?:.*[^.])?$/.test(local)) {
    throw new EmailSignin('The part of the email address before "@" is empty or malformed.')
  }
  if (
    !/^(?:[a-z0-9\u00a1-\uffff](?:[a-z0-9\u00a1-\uffff-]*[a-z0-9\u00a1-\uffff])?\.)+[a-z0-9\u00a1-\uffff-]{2,}$/.test(
      domain,
    )
  ) {
    throw new EmailSignin('The domain of the email address is malformed.')
  }
  return address
}

/**
 * Runs the provider's `normalizeIdentifier` on a submitted address. A throw that is not already
 * a Gatehouse error becomes `EmailSignin` with the throw as its cause, so an app's own refusal
 * shows the same error page as a malformed address.
 *
 * @throws {EmailSignin} when the address is refused.
 * @example
 * ```ts
 * const email = normalizeEmailIdentifier(provider, form.get('email'))
 * ```
 */
export function normalizeEmailIdentifier(
  provider: InternalEmailProvider,
  identifier: unknown,
): string {
  if (typeof identifier !== 'string' || identifier.trim() === '') {
    throw new EmailSignin('No email address was submitted.')
  }
  let normalized: unknown
  try {
    normalized = provider.normalizeIdentifier(identifier)
  } catch (error) {
    if (isGatehouseError(error)) throw error
    throw new EmailSignin('The email address was refused by normalizeIdentifier.', { cause: error })
  }
  if (typeof normalized !== 'string' || normalized === '') {
    throw new EmailSignin('normalizeIdentifier must return the address as a non-empty string.')
  }
  return normalized
}
