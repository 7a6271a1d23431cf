/**
 * Validation and defaults of an email provider, run once when the options are read.
 *
 * @module
 */
import { ConfigurationError } from '../errors.js'
import type { InternalEmailProvider } from '../internal.js'
import type { EmailConfig } from '../types.js'
import { defaultNormalizeIdentifier } from './identifier.js'

/** Default lifetime of a sign-in link: 24 hours, in seconds. */
export const defaultEmailMaxAge = 24 * 60 * 60

/**
 * Marks the built-in SMTP sender of `gatehouse/providers/email`, so that the engine can tell it
 * apart from an app's own `sendVerificationRequest` without importing the mail library.
 */
export const smtpSenderMarker = Symbol.for('gatehouse.email.smtpSender')

function usesSmtpSender(provider: EmailConfig): boolean {
  const sender = provider.sendVerificationRequest as unknown as Record<symbol, unknown> | undefined
  return typeof sender === 'function' && sender[smtpSenderMarker] === true
}

/**
 * Checks an email provider's options and fills in the defaults: `id` `'email'`, `name`
 * `'Email'`, `maxAge` 24 hours, the default `normalizeIdentifier`, and the sign-in and callback
 * paths under `basePath`.
 *
 * @throws {ConfigurationError} naming the option when one is missing or of the wrong type.
 * @example
 * ```ts
 * const provider = normalizeEmailProvider(EmailProvider({ server, from }), '/api/auth')
 * provider.callbackPath // '/api/auth/callback/email'
 * ```
 */
export function normalizeEmailProvider(
  provider: EmailConfig,
  basePath: string,
): InternalEmailProvider {
  const id = provider.id ?? 'email'
  const where = `Email provider "${id}"`
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new ConfigurationError(
      `${where}: \`id\` must be letters, digits, "-" or "_", as it becomes part of the URL.`,
    )
  }
  if (typeof provider.sendVerificationRequest !== 'function') {
    throw new ConfigurationError(
      `${where}: set \`server\` (an SMTP URL or nodemailer transport options) through ` +
        `EmailProvider({ server, from }), or give your own \`sendVerificationRequest\`.`,
    )
  }
  if (usesSmtpSender(provider) && (provider.server === undefined || provider.server === '')) {
    throw new ConfigurationError(
      `${where}: \`server\` is not set. Give an SMTP URL such as ` +
        `"smtp://user:password@smtp.example:587" or nodemailer transport options, or replace ` +
        `\`sendVerificationRequest\` to send the email yourself.`,
    )
  }
  const maxAge = provider.maxAge ?? defaultEmailMaxAge
  if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge <= 0) {
    throw new ConfigurationError(`${where}: \`maxAge\` must be a positive number of seconds.`)
  }
  for (const option of ['generateVerificationToken', 'normalizeIdentifier'] as const) {
    if (provider[option] !== undefined && typeof provider[option] !== 'function') {
      throw new ConfigurationError(`${where}: \`${option}\` must be a function.`)
    }
  }

  return {
    ...provider,
    id,
    name: provider.name ?? 'Email',
    type: 'email',
    maxAge,
    normalizeIdentifier: provider.normalizeIdentifier ?? defaultNormalizeIdentifier,
    signinPath: `${basePath}/signin/${id}`,
    callbackPath: `${basePath}/callback/${id}`,
  }
}
