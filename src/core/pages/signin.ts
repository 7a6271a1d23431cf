/**
 * The built-in sign-in page: one form per provider, in the order of the `providers` option.
 *
 * @module
 */
import type {
  InternalCredentialsProvider,
  InternalEmailProvider,
  InternalOAuthProvider,
  InternalProvider,
} from '../internal.js'
import type { Theme } from '../types.js'
import { renderDocument } from './document.js'
import { escapeHtml, safeCssColor } from './escape.js'
import { signInErrorMessage } from './messages.js'

/** What {@link renderSignInPage} needs. */
export interface SignInPageParams {
  providers: InternalProvider[]
  csrfToken: string
  callbackUrl: string
  /** An error code from `?error=`, shown in words above the forms. */
  error?: string
  /** Prefills the email field, e.g. after a failed email sign-in. */
  email?: string
  theme?: Theme
  basePath: string
}

function hiddenFields(csrfToken: string, callbackUrl: string): string {
  return (
    `<input type="hidden" name="csrfToken" value="${escapeHtml(csrfToken)}">` +
    `<input type="hidden" name="callbackUrl" value="${escapeHtml(callbackUrl)}">`
  )
}

function oauthForm(provider: InternalOAuthProvider, index: number, hidden: string): string {
  return (
    `<form class="provider" method="post" action="${escapeHtml(provider.signinPath)}">${hidden}` +
    `<button type="submit" class="provider-${index}">Sign in with ${escapeHtml(provider.name)}</button>` +
    `</form>`
  )
}

function autocompleteFor(name: string, type: string): string {
  if (type === 'password') return 'current-password'
  if (type === 'email' || name === 'email') return 'email'
  if (name === 'username') return 'username'
  return 'off'
}

function credentialsForm(
  provider: InternalCredentialsProvider,
  index: number,
  hidden: string,
): string {
  const fields = Object.entries(provider.credentials ?? {}).map(([name, field], fieldIndex) => {
    const id = `provider-${index}-field-${fieldIndex}`
    const type = field.type ?? 'text'
    const attributes = [
      `id="${id}"`,
      `name="${escapeHtml(name)}"`,
      `type="${escapeHtml(type)}"`,
      `autocomplete="${autocompleteFor(name, type)}"`,
      field.placeholder === undefined ? '' : `placeholder="${escapeHtml(field.placeholder)}"`,
      field.value === undefined ? '' : `value="${escapeHtml(field.value)}"`,
    ].filter(Boolean)
    return `<label for="${id}">${escapeHtml(field.label ?? name)}</label><input ${attributes.join(' ')}>`
  })
  return (
    `<form class="provider" method="post" action="${escapeHtml(provider.callbackPath)}">${hidden}` +
    fields.join('') +
    `<button type="submit">Sign in with ${escapeHtml(provider.name)}</button></form>`
  )
}

function emailForm(
  provider: InternalEmailProvider,
  index: number,
  hidden: string,
  email: string | undefined,
): string {
  const id = `provider-${index}-email`
  return (
    `<form class="provider" method="post" action="${escapeHtml(provider.signinPath)}">${hidden}` +
    `<label for="${id}">Email address</label>` +
    `<input id="${id}" name="email" type="email" autocomplete="email" required` +
    ` placeholder="you@example.com" value="${escapeHtml(email ?? '')}">` +
    `<button type="submit">Sign in with ${escapeHtml(provider.name)}</button></form>`
  )
}

/** Button colours of OAuth providers that bring a `style`, as CSS rules. */
function providerStyles(providers: InternalProvider[]): string {
  return providers
    .map((provider, index) => {
      if (provider.type !== 'oauth' && provider.type !== 'oidc') return ''
      const background = safeCssColor(provider.style?.bg ?? provider.style?.brandColor)
      const text = safeCssColor(provider.style?.text)
      if (!background && !text) return ''
      const rules = [
        background && `background:${background};border-color:var(--gh-border)`,
        text && `color:${text}`,
      ]
      return `.provider-${index}{${rules.filter(Boolean).join(';')}}`
    })
    .join('')
}

/**
 * Renders the sign-in page as a complete HTML document. OAuth and OIDC providers get a button
 * that posts to their sign-in route; credentials providers get a labelled field per entry of
 * `credentials`, posted to their callback route; email providers get an address field posted to
 * their sign-in route. Every form carries the CSRF token and the callback URL.
 *
 * @example
 * ```ts
 * const html = renderSignInPage({
 *   providers: config.providers,
 *   csrfToken,
 *   callbackUrl: '/dashboard',
 *   error: url.searchParams.get('error') ?? undefined,
 *   theme: config.theme,
 *   basePath: config.basePath,
 * })
 * ```
 */
export function renderSignInPage(params: SignInPageParams): string {
  const hidden = hiddenFields(params.csrfToken, params.callbackUrl)
  const forms = params.providers.map((provider, index) => {
    if (provider.type === 'credentials') return credentialsForm(provider, index, hidden)
    if (provider.type === 'email') return emailForm(provider, index, hidden, params.email)
    return oauthForm(provider, index, hidden)
  })
  const alert = params.error
    ? `<div class="alert" role="alert">${escapeHtml(signInErrorMessage(params.error))}</div>`
    : ''
  const empty =
    params.providers.length === 0 ? '<p>No sign-in method is configured on this site.</p>' : ''
  return renderDocument({
    title: 'Sign in',
    theme: params.theme,
    extraStyle: providerStyles(params.providers),
    body: `<h1>Sign in</h1>${alert}${empty}${forms.join('\n')}`,
  })
}
