/**
 * The email provider: passwordless sign-in with a single-use link, as `next-auth/providers/email`.
 * By default it sends the link over SMTP with nodemailer; `sendVerificationRequest` replaces the
 * sending with your own (an email API, a queue, a test inbox).
 *
 * @module
 */
import type { Transporter } from 'nodemailer'
import { defaultEmailMaxAge, smtpSenderMarker } from '../core/email/provider.js'
import { renderVerificationEmail } from '../core/email/message.js'
import { ConfigurationError, EmailSignin } from '../core/errors.js'
import type { EmailConfig, SendVerificationRequestParams } from '../core/types.js'

export type { EmailConfig, SendVerificationRequestParams } from '../core/types.js'
export { renderVerificationEmail } from '../core/email/message.js'
export { defaultNormalizeIdentifier } from '../core/email/identifier.js'

/** The options of {@link EmailProvider}; every field of the provider may be set. */
export type EmailUserConfig = Partial<Omit<EmailConfig, 'type'>>

/** What {@link EmailProvider} returns: the provider, plus the options it was given. */
export type EmailProviderConfig = EmailConfig & { options: EmailUserConfig }

type SmtpSender = EmailConfig['sendVerificationRequest'] & { [smtpSenderMarker]: true }

/** The sender's address when `from` is not set: no-reply at the app's own host name. */
function fallbackFrom(url: string): string {
  const hostname = new URL(url).hostname
  const domain = /^[\d.]+$|:/.test(hostname) ? 'localhost' : hostname
  return `no-reply@${domain}`
}

/**
 * Makes the built-in SMTP sender. The transport is created on the first email and reused, so a
 * provider keeps one transport however many links it sends; it is made again only if the
 * provider's `server` is replaced. nodemailer is loaded then, so apps that send mail their own
 * way do not need it installed.
 */
function createSmtpSender(): SmtpSender {
  let cached: { server: EmailConfig['server']; transport: Promise<Transporter> } | undefined

  async function transportFor(server: EmailConfig['server']): Promise<Transporter> {
    if (!cached || cached.server !== server) {
      const transport = import('nodemailer').then(
        (nodemailer) => nodemailer.default.createTransport(server as string),
        (error: unknown) => {
          throw new ConfigurationError(
            'The email provider sends with nodemailer, which is not installed: add it to your dependencies, or give your own sendVerificationRequest.',
            { cause: error },
          )
        },
      )
      cached = { server, transport }
      return transport
    }
    return cached.transport
  }

  const send = async (params: SendVerificationRequestParams): Promise<void> => {
    const { identifier, url, expires, provider, theme } = params
    const transport = await transportFor(provider.server)
    const { subject, text, html } = renderVerificationEmail({ url, expires, theme })
    let result: { rejected?: unknown[]; pending?: unknown[] }
    try {
      result = await transport.sendMail({
        to: identifier,
        from: provider.from ?? fallbackFrom(url),
        subject,
        text,
        html,
      })
    } catch (error) {
      throw new EmailSignin(`The SMTP server did not accept the sign-in email.`, { cause: error })
    }
    const refused = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean)
    if (refused.length > 0) {
      throw new EmailSignin('The SMTP server refused the recipient of the sign-in email.', {
        cause: new Error(`Not delivered to: ${refused.map(String).join(', ')}`),
      })
    }
  }
  return Object.assign(send, { [smtpSenderMarker]: true as const })
}

/**
 * Sign-in with a link sent by email. Needs an adapter, which stores the (hashed) tokens.
 *
 * - `server`: an SMTP URL (`smtp://user:pass@smtp.example:587`) or nodemailer transport options.
 * - `from`: the sender, e.g. `'My App <no-reply@app.example>'`.
 * - `maxAge`: seconds a link stays valid, 24 hours by default.
 * - `sendVerificationRequest`: send the link yourself; `server` is then not needed.
 * - `generateVerificationToken`: your own token generator; 32 random bytes by default.
 * - `normalizeIdentifier`: the canonical address; by default trimmed and lower-cased, and one
 *   plain address only (several `@` or a list are refused with `EmailSignin`).
 *
 * @example
 * ```ts
 * import EmailProvider from 'gatehouse/providers/email'
 *
 * export const authOptions = {
 *   adapter: PrismaAdapter(prisma),
 *   providers: [
 *     EmailProvider({ server: process.env.EMAIL_SERVER, from: process.env.EMAIL_FROM }),
 *   ],
 * }
 * ```
 */
export default function EmailProvider(options: EmailUserConfig = {}): EmailProviderConfig {
  // An option given as `undefined` (an unset environment variable) keeps its default.
  const given = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as EmailUserConfig
  return {
    id: 'email',
    name: 'Email',
    maxAge: defaultEmailMaxAge,
    sendVerificationRequest: createSmtpSender(),
    ...given,
    type: 'email',
    options,
  }
}
