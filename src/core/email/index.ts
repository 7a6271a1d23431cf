/**
 * Email sign-in as the engine sees it: provider defaults, sending a link, using a link. The
 * engine never touches a mail library; it calls the provider's `sendVerificationRequest`.
 *
 * @example
 * ```ts
 * import { sendVerificationEmail, useVerificationEmail } from './email/index.js'
 * ```
 *
 * @module
 */
export { normalizeEmailProvider, defaultEmailMaxAge, smtpSenderMarker } from './provider.js'
export { sendVerificationEmail, useVerificationEmail, type VerifiedEmail } from './verification.js'
export { defaultNormalizeIdentifier, normalizeEmailIdentifier } from './identifier.js'
export { hashVerificationToken, randomVerificationToken } from './token.js'
export { renderVerificationEmail, type VerificationEmail } from './message.js'
