/**
 * `GET signout` (the confirmation page) and `POST signout` (end the session).
 *
 * @module
 */
import { stringField, wantsJson, type BodyFields } from '../body.js'
import { resolveCallbackUrl } from '../callback-url.js'
import { assertCsrf, ensureCsrfToken } from '../csrf.js'
import type { AuthResponse, RequestContext } from '../internal.js'
import { renderSignOutPage } from '../pages/index.js'
import { html, redirect } from '../response.js'
import { endSession, runEvent } from '../session/index.js'

/** Renders the sign-out page, or sends the browser to the app's own. */
export async function signOutPage(ctx: RequestContext): Promise<AuthResponse> {
  const { config } = ctx
  const callbackUrl = await resolveCallbackUrl(ctx, ctx.url.searchParams.get('callbackUrl'))
  if (config.pages.signOut) {
    const target = new URL(config.pages.signOut, ctx.baseUrl)
    target.searchParams.set('callbackUrl', callbackUrl)
    return redirect(ctx, target.href, false)
  }
  const csrfToken = ensureCsrfToken(ctx)
  return html(
    ctx,
    renderSignOutPage({ csrfToken, callbackUrl, theme: config.theme, basePath: config.basePath }),
  )
}

/** Ends the session after a CSRF check and redirects to the callback URL. */
export async function signOut(ctx: RequestContext, fields: BodyFields): Promise<AuthResponse> {
  const asJson = wantsJson(ctx.request, fields)
  assertCsrf(ctx, fields.csrfToken)
  const callbackUrl = await resolveCallbackUrl(ctx, stringField(fields, 'callbackUrl'))
  const ended = await endSession(ctx)
  await runEvent(ctx, 'signOut', () => ctx.config.events.signOut?.(ended))
  return redirect(ctx, callbackUrl, asJson)
}
