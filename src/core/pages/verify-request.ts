/**
 * The built-in page shown after a sign-in email was sent.
 *
 * @module
 */
import type { Theme } from '../types.js'
import { renderDocument, siteLink } from './document.js'

/** What {@link renderVerifyRequestPage} needs. */
export interface VerifyRequestPageParams {
  theme?: Theme
  /** The app's URL (its origin is enough), linked as "back to the site". */
  url: string | URL
}

/**
 * Renders the "check your email" page. It names no address, so the page is the same whether or
 * not the address belongs to a user.
 *
 * @example
 * ```ts
 * const html = renderVerifyRequestPage({ theme: config.theme, url: ctx.origin })
 * ```
 */
export function renderVerifyRequestPage(params: VerifyRequestPageParams): string {
  return renderDocument({
    title: 'Check your email',
    theme: params.theme,
    body:
      `<h1>Check your email</h1>` +
      `<p>We sent a sign-in link to the address you entered. Open it on this device to finish ` +
      `signing in.</p><p class="muted">No email? Check your spam folder, or ask for a new link.</p>` +
      siteLink(params.url),
  })
}
