/**
 * `GET|POST signin` (the sign-in page) and `POST signin/:provider` (start a sign-in).
 *
 * @module
 */
import { wantsJson, stringField, type BodyFields } from '../body.js'
import { resolveCallbackUrl } from '../callback-url.js'
import { assertCsrf, ensureCsrfToken } from '../csrf.js'
import { normalizeEmailIdentifier, sendVerificationEmail } from '../email/index.js'
import { ConfigurationError, EmailSignin, UnknownProvider } from '../errors.js'
import type { AuthResponse, InternalProvider, RequestContext } from '../internal.js'
import { createAuthorizationUrl } from '../oauth/authorize.js'
import { renderSignInPage } from '../pages/index.js'
import { enforceRateLimit } from '../rate-limit.js'
import { html, redirect } from '../response.js'
import { pageUrl, rememberCallbackUrl } from './shared.js'

/** Authorization parameters a client may not set: the engine owns them. */
const RESERVED_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'request',
  'request_uri',
  'response_mode',
])

/** Renders the built-in sign-in page, or sends the browser to the app's own. */
export async function signInPage(ctx: RequestContext): Promise<AuthResponse> {
  const { config, url } = ctx
  const callbackUrl = await resolveCallbackUrl(ctx, url.searchParams.get('callbackUrl'))
  const error = url.searchParams.get('error') ?? undefined
  if (config.pages.signIn) {
    const target = new URL(config.pages.signIn, ctx.baseUrl)
    target.searchParams.set('callbackUrl', callbackUrl)
    if (error) target.searchParams.set('error', error)
    return redirect(ctx, target.href, false)
  }
  const csrfToken = ensureCsrfToken(ctx)
  const page = renderSignInPage({
    providers: config.providers,
    csrfToken,
    callbackUrl,
    error,
    email: url.searchParams.get('email') ?? undefined,
    theme: config.theme,
    basePath: config.basePath,
  })
  return html(ctx, page)
}

/** Starts a sign-in with one provider: the OAuth redirect or the email link. */
export async function signInWithProvider(
  ctx: RequestContext,
  providerId: string,
  fields: BodyFields,
): Promise<AuthResponse> {
  const asJson = wantsJson(ctx.request, fields)
  assertCsrf(ctx, fields.csrfToken)
  const provider = findProvider(ctx, providerId)
  const callbackUrl = await rememberCallbackUrl(ctx, stringField(fields, 'callbackUrl'))

  if (provider.type === 'oauth' || provider.type === 'oidc') {
    await enforceRateLimit(ctx, 'signin', undefined)
    const params: Record<string, string> = {}
    for (const [name, value] of ctx.url.searchParams) {
      if (!RESERVED_PARAMS.has(name)) params[name] = value
    }
    const location = await createAuthorizationUrl(ctx, provider, params)
    return redirect(ctx, location.href, asJson)
  }

  if (provider.type === 'email') {
    assertTrustedOrigin(ctx)
    const identifier = stringField(fields, 'email')
    await enforceRateLimit(ctx, 'email', identifier)
    if (!identifier) throw new EmailSignin('Enter an email address.')
    // The callback sees the canonical address and no stored user: looking one up here would
    // let response times tell registered addresses from others.
    const email = normalizeEmailIdentifier(provider, identifier)
    const approved = await ctx.config.callbacks.signIn({
      user: { id: email, email },
      account: { provider: provider.id, type: 'email', providerAccountId: email },
      email: { verificationRequest: true },
    })
    if (approved !== true) {
      const target =
        typeof approved === 'string'
          ? new URL(approved, ctx.baseUrl).href
          : pageUrl(ctx, 'error', { error: 'AccessDenied' })
      return redirect(ctx, target, asJson, typeof approved === 'string' ? 200 : 403)
    }
    await sendVerificationEmail(ctx, provider, email, callbackUrl)
    return redirect(
      ctx,
      pageUrl(ctx, 'verifyRequest', { provider: provider.id, type: 'email' }),
      asJson,
    )
  }

  // Credentials sign in at their callback; a form posted here is sent to the sign-in page.
  return redirect(ctx, pageUrl(ctx, 'signIn', { callbackUrl }), asJson)
}

/** The provider with this id, or {@link UnknownProvider}. */
export function findProvider(ctx: RequestContext, providerId: string): InternalProvider {
  const provider = ctx.config.providersById.get(providerId)
  if (!provider) throw new UnknownProvider(`No provider has the id "${providerId}".`)
  return provider
}

/**
 * Email links carry the origin of the request that asked for them. In production that origin
 * must come from configuration, not from a `Host` header an attacker can set.
 */
function assertTrustedOrigin(ctx: RequestContext): void {
  const { config } = ctx
  if (process.env.NODE_ENV === 'production' && !config.url && !config.trustHost) {
    throw new ConfigurationError(
      'Email sign-in in production needs NEXTAUTH_URL (or AUTH_URL) set to the app URL, or trustHost: true behind a proxy that sets the host.',
    )
  }
}
