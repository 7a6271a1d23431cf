/**
 * The built-in HTML pages. Each function returns a complete document; the routes add the
 * headers (`Content-Type: text/html; charset=utf-8` and the security headers).
 *
 * @example
 * ```ts
 * import { renderSignInPage } from './pages/index.js'
 * ```
 *
 * @module
 */
export { renderSignInPage, type SignInPageParams } from './signin.js'
export { renderSignOutPage, type SignOutPageParams } from './signout.js'
export { renderErrorPage, type ErrorPageParams } from './error.js'
export { renderVerifyRequestPage, type VerifyRequestPageParams } from './verify-request.js'
export { escapeHtml, safeCssColor, safeImageUrl } from './escape.js'
export { signInErrorCodes, signInErrorMessage, errorPageMessage } from './messages.js'
