/**
 * The built-in sign-out page: a confirmation form, because a sign-out changes state and so must
 * be a POST with the CSRF token.
 *
 * @module
 */
import type { Theme } from '../types.js'
import { renderDocument } from './document.js'
import { escapeHtml } from './escape.js'

/** What {@link renderSignOutPage} needs. */
export interface SignOutPageParams {
  csrfToken: string
  callbackUrl: string
  theme?: Theme
  basePath: string
}

/**
 * Renders the sign-out confirmation page, whose form posts to `<basePath>/signout`.
 *
 * @example
 * ```ts
 * const html = renderSignOutPage({ csrfToken, callbackUrl: '/', theme: {}, basePath: '/api/auth' })
 * ```
 */
export function renderSignOutPage(params: SignOutPageParams): string {
  return renderDocument({
    title: 'Sign out',
    theme: params.theme,
    body:
      `<h1>Sign out</h1><p>Do you want to sign out?</p>` +
      `<form method="post" action="${escapeHtml(`${params.basePath}/signout`)}">` +
      `<input type="hidden" name="csrfToken" value="${escapeHtml(params.csrfToken)}">` +
      `<input type="hidden" name="callbackUrl" value="${escapeHtml(params.callbackUrl)}">` +
      `<button type="submit">Sign out</button></form>`,
  })
}
