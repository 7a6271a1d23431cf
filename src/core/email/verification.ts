/**
 * The two halves of an email sign-in: sending the link, and using it.
 *
 * @module
 */
import { callAdapter } from '../call-adapter.js'
import { ConfigurationError, EmailSignin, isGatehouseError, Verification } from '../errors.js'
import type { InternalEmailProvider, RequestContext } from '../internal.js'
import type { Adapter, VerificationToken } from '../adapter.js'
import { normalizeEmailIdentifier } from './identifier.js'
import { hashVerificationToken, randomVerificationToken } from './token.js'

/** Tokens longer than this are not hashed or looked up: no generator makes them. */
const maxTokenLength = 512

/** What a used link proves: who owns the address, as the account the sign-in is made with. */
export interface VerifiedEmail {
  /** The normalised address whose link was used. */
  email: string
  /** The account for callbacks and events: `providerAccountId` is the address. */
  account: { provider: string; type: 'email'; providerAccountId: string }
}

function tokenMethods(ctx: RequestContext) {
  const adapter: Adapter | undefined = ctx.config.adapter
  if (!adapter?.createVerificationToken || !adapter.useVerificationToken) {
    throw new ConfigurationError(
      'Email sign-in needs an `adapter` with createVerificationToken and useVerificationToken.',
    )
  }
  return {
    create: adapter.createVerificationToken.bind(adapter),
    use: adapter.useVerificationToken.bind(adapter),
  }
}

/**
 * Sends a sign-in link to an address. The token goes only into the link; the adapter stores its
 * hash with the first secret, expiring after the provider's `maxAge`. This looks up no user, so
 * it behaves the same for registered and unregistered addresses. If the email cannot be sent,
 * the stored token is used up so the link can never work.
 *
 * @throws {EmailSignin} for a refused address or a failed send (the cause attached).
 * @throws {AdapterError} when the token cannot be stored.
 * @example
 * ```ts
 * await sendVerificationEmail(ctx, provider, form.get('email'), callbackUrl)
 * return redirect(`${ctx.baseUrl}/verify-request?provider=email&type=email`)
 * ```
 */
export async function sendVerificationEmail(
  ctx: RequestContext,
  provider: InternalEmailProvider,
  identifier: string,
  callbackUrl: string,
): Promise<void> {
  const tokens = tokenMethods(ctx)
  const email = normalizeEmailIdentifier(provider, identifier)

  const token = provider.generateVerificationToken
    ? await provider.generateVerificationToken()
    : randomVerificationToken()
  if (typeof token !== 'string' || token === '' || token.length > maxTokenLength) {
    throw new ConfigurationError(
      `Email provider "${provider.id}": generateVerificationToken must return a string of 1 to ${maxTokenLength} characters.`,
    )
  }
  const expires = new Date(Date.now() + provider.maxAge * 1000)
  const stored: VerificationToken = {
    identifier: email,
    token: await hashVerificationToken(token, ctx.config.secret[0]!),
    expires,
  }
  await callAdapter('createVerificationToken', () => tokens.create(stored))

  const query = new URLSearchParams({ callbackUrl, token, email })
  const url = `${ctx.origin}${provider.callbackPath}?${query.toString()}`
  try {
    await provider.sendVerificationRequest({
      identifier: email,
      url,
      expires,
      provider,
      token,
      theme: ctx.config.theme,
      request: ctx.request.toRequest(),
    })
  } catch (error) {
    await Promise.resolve(tokens.use({ identifier: email, token: stored.token })).catch(() => null)
    if (isGatehouseError(error)) throw error
    throw new EmailSignin('The sign-in email could not be sent.', { cause: error })
  }
}

/**
 * Uses the token of a sign-in link, once. The link's `token` is hashed with each secret in turn
 * (so links survive a secret rotation) and looked up with the link's `email`; the adapter deletes
 * the row it finds. A missing, used, expired or mismatched token, or a link whose address is not
 * the one the token was sent to, is a `Verification` error.
 *
 * The caller signs the address in: an existing user with this email (setting `emailVerified`
 * when it is null), or a new user with `emailVerified` now. `callbackUrl` stays in `params` for
 * the caller, who must apply the redirect rules to it.
 *
 * @throws {Verification} when the link does not sign anyone in.
 * @throws {AdapterError} when the adapter fails.
 * @example
 * ```ts
 * const { email, account } = await useVerificationEmail(ctx, provider, ctx.url.searchParams)
 * ```
 */
export async function useVerificationEmail(
  ctx: RequestContext,
  provider: InternalEmailProvider,
  params: URLSearchParams,
): Promise<VerifiedEmail> {
  const tokens = tokenMethods(ctx)
  const token = params.get('token')
  const rawEmail = params.get('email')
  if (!token || token.length > maxTokenLength || !rawEmail) {
    throw new Verification('The sign-in link is incomplete: it needs its token and email.')
  }
  let email: string
  try {
    email = normalizeEmailIdentifier(provider, rawEmail)
  } catch (error) {
    throw new Verification('The sign-in link names an address that is not accepted.', {
      cause: error,
    })
  }

  let row: VerificationToken | null = null
  for (const secret of ctx.config.secret) {
    const hashed = await hashVerificationToken(token, secret)
    row = await callAdapter('useVerificationToken', () =>
      tokens.use({ identifier: email, token: hashed }),
    )
    if (row) break
  }
  if (!row) throw new Verification('The sign-in link was used already or is not valid.')
  if (new Date(row.expires).getTime() <= Date.now()) {
    throw new Verification('The sign-in link has expired.')
  }

  return { email, account: { provider: provider.id, type: 'email', providerAccountId: email } }
}
