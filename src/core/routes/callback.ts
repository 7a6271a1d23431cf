/**
 * `GET|POST callback/:provider`: where a provider sends the user back (OAuth redirect, Apple's
 * form post, the email link) and where the credentials form posts.
 *
 * @module
 */
import { stringField, wantsJson, type BodyFields } from '../body.js'
import { assertCsrf } from '../csrf.js'
import { useVerificationEmail } from '../email/index.js'
import {
  CallbackRouteError,
  CredentialsSignin,
  GatehouseError,
  MethodNotAllowed,
} from '../errors.js'
import type {
  AuthResponse,
  InternalCredentialsProvider,
  InternalEmailProvider,
  InternalOAuthProvider,
  RequestContext,
} from '../internal.js'
import { completeSignIn } from '../login.js'
import { handleOAuthCallback } from '../oauth/callback.js'
import { oauthTokenClaim } from '../oauth/refresh-session.js'
import { enforceRateLimit } from '../rate-limit.js'
import { redirect } from '../response.js'
import { callAdapter } from '../call-adapter.js'
import type { Account, User } from '../types.js'
import { findProvider } from './signin.js'
import { rememberCallbackUrl, rememberedCallbackUrl } from './shared.js'

/** Handles a provider's callback and redirects to the callback URL. */
export async function callback(
  ctx: RequestContext,
  providerId: string,
  fields: BodyFields,
): Promise<AuthResponse> {
  const provider = findProvider(ctx, providerId)
  if (provider.type === 'credentials') return credentialsCallback(ctx, provider, fields)
  if (provider.type === 'email') return emailCallback(ctx, provider)
  return oauthCallback(ctx, provider, fields)
}

async function oauthCallback(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  fields: BodyFields,
): Promise<AuthResponse> {
  const params =
    ctx.request.method === 'POST'
      ? new URLSearchParams(
          Object.entries(fields).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        )
      : ctx.url.searchParams
  const { user, account, profile } = await handleOAuthCallback(ctx, provider, params)
  const callbackUrl = await rememberedCallbackUrl(ctx)
  const location = await completeSignIn(ctx, {
    provider,
    user: user as User & Record<string, unknown>,
    account,
    profile,
    callbackUrl,
    claims: oauthSessionClaims(ctx, provider, account),
  })
  return redirect(ctx, location, false)
}

async function emailCallback(
  ctx: RequestContext,
  provider: InternalEmailProvider,
): Promise<AuthResponse> {
  if (ctx.request.method !== 'GET')
    throw new MethodNotAllowed('The email callback is a GET link.', 'GET')
  const { email, account } = await useVerificationEmail(ctx, provider, ctx.url.searchParams)
  const callbackUrl = await rememberedCallbackUrl(ctx, ctx.url.searchParams.get('callbackUrl'))
  const location = await completeSignIn(ctx, {
    provider,
    user: { id: email, email },
    account,
    callbackUrl,
  })
  return redirect(ctx, location, false)
}

async function credentialsCallback(
  ctx: RequestContext,
  provider: InternalCredentialsProvider,
  fields: BodyFields,
): Promise<AuthResponse> {
  if (ctx.request.method !== 'POST') {
    throw new MethodNotAllowed('Credentials are posted to this route, not fetched.', 'POST')
  }
  const asJson = wantsJson(ctx.request, fields)
  assertCsrf(ctx, fields.csrfToken)
  const callbackUrl = await rememberCallbackUrl(ctx, stringField(fields, 'callbackUrl'))

  const credentials: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && name !== 'csrfToken' && name !== 'json')
      credentials[name] = value
  }
  await enforceRateLimit(ctx, 'credentials', credentialIdentifier(provider, credentials))
  let user: (User & Record<string, unknown>) | null
  try {
    user = (await provider.authorize(credentials, ctx.request.toRequest())) as
      (User & Record<string, unknown>) | null
  } catch (error) {
    if (error instanceof GatehouseError && !(error instanceof CredentialsSignin)) throw error
    throw new CredentialsSignin('authorize() threw.', { cause: error })
  }
  if (!user) throw new CredentialsSignin()
  if (user.id === undefined || user.id === null || String(user.id) === '') {
    throw new CallbackRouteError(
      `The credentials provider "${provider.id}": authorize() returned a user without an id.`,
    )
  }
  user = { ...user, id: String(user.id) }

  const adapter = ctx.config.adapter
  if (ctx.config.session.strategy === 'database') {
    const stored = await callAdapter('getUser', () => adapter!.getUser!(user!.id))
    if (!stored) {
      throw new CallbackRouteError(
        "With database sessions, authorize() must return a user that the adapter stores (its id is the session row's userId).",
      )
    }
  }

  const location = await completeSignIn(ctx, {
    provider,
    user,
    account: { provider: provider.id, type: 'credentials', providerAccountId: user.id },
    credentials,
    callbackUrl,
  })
  return redirect(ctx, location, asJson)
}

/** With automatic refresh and JWT sessions, the tokens travel in the encrypted session JWT. */
function oauthSessionClaims(
  ctx: RequestContext,
  provider: InternalOAuthProvider,
  account: Account,
): Record<string, unknown> | undefined {
  if (ctx.config.session.strategy !== 'jwt') return undefined
  const oauth = oauthTokenClaim(provider, account)
  return oauth && { oauth }
}

/** The submitted value that names the user: the first credential field that is not secret. */
function credentialIdentifier(
  provider: InternalCredentialsProvider,
  credentials: Record<string, string>,
): string | undefined {
  for (const [name, input] of Object.entries(provider.credentials)) {
    if (input.type !== 'password' && credentials[name]) return credentials[name]
  }
  return undefined
}
