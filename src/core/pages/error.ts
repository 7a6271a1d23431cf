/**
 * The built-in error page, reached through `GET <basePath>/error?error=Code`.
 *
 * @module
 */
import type { Theme } from '../types.js'
import { renderDocument, siteLink } from './document.js'
import { escapeHtml } from './escape.js'
import { errorPageMessage } from './messages.js'

/** What {@link renderErrorPage} needs. */
export interface ErrorPageParams {
  /** The error code, e.g. `Verification`; matched without regard to case. */
  error: string
  theme?: Theme
  basePath: string
  /** The app's URL (its origin is enough), linked as "back to the site". */
  url: string | URL
}

/**
 * Renders the error page and returns it with the HTTP status the route should answer with.
 *
 * @example
 * ```ts
 * const { html, status } = renderErrorPage({
 *   error: 'Verification',
 *   theme: config.theme,
 *   basePath: config.basePath,
 *   url: ctx.origin,
 * })
 * return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
 * ```
 */
export function renderErrorPage(params: ErrorPageParams): { html: string; status: number } {
  const message = errorPageMessage(params.error)
  const paragraphs = message.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')
  const signIn =
    message.status === 500
      ? ''
      : `<p><a class="button" href="${escapeHtml(`${params.basePath}/signin`)}">Sign in</a></p>`
  const html = renderDocument({
    title: message.heading,
    theme: params.theme,
    body: `<h1>${escapeHtml(message.heading)}</h1>${paragraphs}${signIn}` + siteLink(params.url),
  })
  return { html, status: message.status }
}
