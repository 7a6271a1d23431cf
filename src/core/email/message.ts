/**
 * The sign-in email: a subject, a plain-text part and an HTML part built for mail clients
 * (a table layout with inline styles, no external CSS, no script, every value escaped).
 *
 * @module
 */
import { readableTextColor } from '../pages/document.js'
import { escapeHtml, safeCssColor } from '../pages/escape.js'
import type { Theme } from '../types.js'

/** What {@link renderVerificationEmail} needs. */
export interface VerificationEmailParams {
  /** The sign-in link. */
  url: string
  /** When the link stops working. */
  expires: Date
  theme?: Theme
}

/** A rendered sign-in email. */
export interface VerificationEmail {
  subject: string
  text: string
  html: string
}

function lifetimeInWords(expires: Date): string {
  const minutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000))
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`
  const hours = Math.round(minutes / 60)
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`
}

/**
 * Renders the sign-in email for a link. The site's host is named in the subject and body so the
 * reader can tell who sent it; in the HTML its dots carry a zero-width space so that clients do
 * not turn it into a link of their own.
 *
 * @example
 * ```ts
 * const { subject, text, html } = renderVerificationEmail({ url, expires, theme })
 * await transport.sendMail({ to: identifier, from, subject, text, html })
 * ```
 */
export function renderVerificationEmail(params: VerificationEmailParams): VerificationEmail {
  const host = new URL(params.url).host
  const lifetime = lifetimeInWords(params.expires)
  const brand = safeCssColor(params.theme?.brandColor) ?? '#2f5fd0'
  const buttonText = safeCssColor(params.theme?.buttonText) ?? readableTextColor(brand)
  const shownHost = escapeHtml(host).replace(/\./g, '&#8203;.')
  const href = escapeHtml(params.url)
  const font = 'font-family:Helvetica,Arial,sans-serif;'

  const subject = `Sign in to ${host}`
  const text =
    `Sign in to ${host}\n\n` +
    `Open this link to sign in:\n${params.url}\n\n` +
    `The link works once and expires in ${lifetime}.\n` +
    `If you did not ask to sign in, you can ignore this email.\n`
  const html = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0" style="max-width:480px;background:#ffffff;border-radius:8px;">
<tr><td align="center" style="padding:32px 24px 8px;${font}font-size:22px;line-height:1.3;color:#1b1d21;">Sign in to <strong>${shownHost}</strong></td></tr>
<tr><td align="center" style="padding:16px 24px;">
<table role="presentation" cellspacing="0" cellpadding="0" border="0"><tr>
<td align="center" bgcolor="${escapeHtml(brand)}" style="border-radius:6px;background:${escapeHtml(brand)};">
<a href="${href}" target="_blank" style="display:inline-block;padding:12px 28px;${font}font-size:16px;font-weight:bold;color:${escapeHtml(buttonText)};text-decoration:none;border-radius:6px;">Sign in</a>
</td></tr></table>
</td></tr>
<tr><td style="padding:8px 24px 8px;${font}font-size:14px;line-height:1.5;color:#4a4f57;">The link works once and expires in ${escapeHtml(lifetime)}. If the button does not work, copy this address into your browser:</td></tr>
<tr><td style="padding:0 24px 16px;${font}font-size:13px;line-height:1.5;color:#1b1d21;word-break:break-all;"><a href="${href}" style="color:#1b1d21;">${href}</a></td></tr>
<tr><td style="padding:0 24px 32px;${font}font-size:13px;line-height:1.5;color:#4a4f57;">If you did not ask to sign in, you can ignore this email.</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`
  return { subject, text, html }
}
