/**
 * What happens once a provider has vouched for a user: find or create the user and account,
 * ask the `signIn` callback, start the session, fire the events, pick the redirect.
 *
 * The `signIn` callback sees the stored user: for a first sign-in the user and account are
 * written first and deleted again if the callback refuses, so a refusal leaves nothing behind
 * and a callback can update the user it is given. A first sign-in racing another for the same
 * identity finds the winner's user instead of failing.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import type { Adapter, AdapterAccount, AdapterUser } from './adapter.js'
import {
  AccessDenied,
  EmailCreateAccount,
  GatehouseError,
  OAuthAccountNotLinked,
  OAuthCreateAccount,
} from './errors.js'
import type { InternalProvider, RequestContext } from './internal.js'
import { readSessionCookie } from './session/cookie.js'
import { callAdapter } from './call-adapter.js'
import { runEvent, startSession } from './session/index.js'
import type { Account, Profile, User } from './types.js'

/** A sign-in that a provider has verified. */
export interface VerifiedSignIn {
  provider: InternalProvider
  /** The user as the provider describes it (OAuth profile mapping, email, `authorize()`). */
  user: User & Record<string, unknown>
  account: Account
  profile?: Profile
  credentials?: Record<string, unknown>
  /** The validated URL to land on afterwards. */
  callbackUrl: string
  /** Claims to store in the JWT beside the user's, e.g. tokens for automatic refresh. */
  claims?: Record<string, unknown>
}

/** A redirect thrown by a `signIn` callback that returned a URL. */
export class SignInRedirect extends GatehouseError {
  static override code = 'AccessDenied'
  readonly url: string
  constructor(url: string) {
    super('The signIn callback redirected the user.', { status: 302 })
    this.url = url
  }
}

interface Resolution {
  user: AdapterUser
  isNewUser: boolean
  /** Writes to run once the `signIn` callback approves an existing user. */
  afterApproval: Array<() => Promise<unknown>>
}

/**
 * Completes a verified sign-in and returns the URL to redirect to.
 *
 * @example
 * ```ts
 * const location = await completeSignIn(ctx, { provider, user, account, profile, callbackUrl })
 * ```
 */
export async function completeSignIn(ctx: RequestContext, signIn: VerifiedSignIn): Promise<string> {
  const { config } = ctx
  const { provider, account, profile } = signIn
  const adapter = config.adapter
  let user: User | AdapterUser = signIn.user
  let isNewUser = false

  if (adapter && provider.type !== 'credentials') {
    const resolution = await resolveUser(ctx, adapter, signIn)
    user = resolution.user
    isNewUser = resolution.isNewUser
    try {
      await approve(ctx, { ...signIn, user: user as VerifiedSignIn['user'] })
    } catch (error) {
      if (isNewUser) await callAdapter('deleteUser', () => adapter.deleteUser?.(resolution.user.id))
      throw error
    }
    for (const write of resolution.afterApproval) await write()
    if (isNewUser) {
      await runEvent(ctx, 'createUser', () => config.events.createUser?.({ user }))
      if (provider.type !== 'email') {
        await runEvent(ctx, 'linkAccount', () =>
          config.events.linkAccount?.({ user, account, profile: signIn.user }),
        )
      }
    }
  } else {
    await approve(ctx, signIn)
  }

  await startSession(ctx, { user, account, profile, isNewUser, claims: signIn.claims })
  config.logger.debug('SignIn', { provider: provider.id, type: provider.type, isNewUser })
  await runEvent(ctx, 'signIn', () => config.events.signIn?.({ user, account, profile, isNewUser }))

  if (isNewUser && config.pages.newUser) {
    const target = new URL(config.pages.newUser, ctx.baseUrl)
    target.searchParams.set('callbackUrl', signIn.callbackUrl)
    return target.href
  }
  return signIn.callbackUrl
}

async function approve(ctx: RequestContext, signIn: VerifiedSignIn): Promise<void> {
  const answer = await ctx.config.callbacks.signIn({
    user: signIn.user,
    account: signIn.account,
    profile: signIn.profile,
    ...(signIn.provider.type === 'email' && { email: { verificationRequest: false } }),
    ...(signIn.credentials && { credentials: signIn.credentials }),
  })
  if (typeof answer === 'string') throw new SignInRedirect(new URL(answer, ctx.baseUrl).href)
  if (answer !== true) throw new AccessDenied('The signIn callback refused the user.')
}

async function resolveUser(
  ctx: RequestContext,
  adapter: Adapter,
  signIn: VerifiedSignIn,
): Promise<Resolution> {
  const current = await currentUser(ctx, adapter)
  const find = () =>
    signIn.provider.type === 'email'
      ? existingEmailUser(ctx, adapter, signIn)
      : existingOAuthUser(ctx, adapter, signIn, current)

  let failure: unknown
  try {
    const existing = await find()
    if (existing) return existing
  } catch (error) {
    if (!(error instanceof OAuthAccountNotLinked)) throw error
    failure = error
  }
  if (failure === undefined) {
    try {
      return await createUserAndAccount(ctx, adapter, signIn)
    } catch (error) {
      failure = error
    }
  }

  // A concurrent first sign-in of the same identity may have created the user a moment before
  // linking its account (which also looks like "email used by another account"), so look again
  // for a little while before giving up. Only a failed first sign-in pays this wait.
  for (const delay of RACE_RETRY_DELAYS) {
    await new Promise((resolve) => setTimeout(resolve, delay))
    try {
      const winner = await find()
      if (winner) return winner
    } catch (error) {
      if (!(error instanceof OAuthAccountNotLinked)) throw error
    }
  }
  throw failure
}

/** Milliseconds between looks for the user a concurrent first sign-in created (~3 s in all). */
const RACE_RETRY_DELAYS = [0, 25, 50, 100, 200, 400, 800, 1500]

async function existingEmailUser(
  ctx: RequestContext,
  adapter: Adapter,
  signIn: VerifiedSignIn,
): Promise<Resolution | null> {
  const email = signIn.user.email!
  const user = await callAdapter('getUserByEmail', () => adapter.getUserByEmail!(email))
  if (!user) return null
  const afterApproval: Resolution['afterApproval'] = []
  if (!user.emailVerified) {
    afterApproval.push(async () => {
      const updated = await callAdapter('updateUser', () =>
        adapter.updateUser!({ id: user.id, emailVerified: new Date() }),
      )
      await runEvent(ctx, 'updateUser', () => ctx.config.events.updateUser?.({ user: updated }))
    })
  }
  return { user, isNewUser: false, afterApproval }
}

async function existingOAuthUser(
  ctx: RequestContext,
  adapter: Adapter,
  signIn: VerifiedSignIn,
  current: AdapterUser | null,
): Promise<Resolution | null> {
  const { account, provider } = signIn
  const key = { provider: account.provider, providerAccountId: account.providerAccountId }
  const byAccount = await callAdapter('getUserByAccount', () => adapter.getUserByAccount!(key))
  if (byAccount) {
    if (current && current.id !== byAccount.id) {
      throw new OAuthAccountNotLinked('This account is already linked to another user.')
    }
    return { user: byAccount, isNewUser: false, afterApproval: [] }
  }

  const link = (user: AdapterUser) => async () => {
    await callAdapter('linkAccount', () => adapter.linkAccount!(toAdapterAccount(account, user.id)))
    await runEvent(ctx, 'linkAccount', () =>
      ctx.config.events.linkAccount?.({ user, account, profile: signIn.user }),
    )
  }
  if (current) return { user: current, isNewUser: false, afterApproval: [link(current)] }

  const email = signIn.user.email
  if (!email) return null
  const byEmail = await callAdapter('getUserByEmail', () => adapter.getUserByEmail!(email))
  if (!byEmail) return null
  if (provider.type !== 'oauth' && provider.type !== 'oidc') return null
  if (!provider.allowDangerousEmailAccountLinking) {
    throw new OAuthAccountNotLinked(
      `A user with the email of this ${provider.name} account signed in with another provider.`,
    )
  }
  return { user: byEmail, isNewUser: false, afterApproval: [link(byEmail)] }
}

async function createUserAndAccount(
  ctx: RequestContext,
  adapter: Adapter,
  signIn: VerifiedSignIn,
): Promise<Resolution> {
  const { provider, account } = signIn
  const isEmail = provider.type === 'email'
  // The provider's id for the user is the account's; the user row gets an id of its own.
  const profile: Record<string, unknown> = { ...signIn.user }
  delete profile.id
  const draft = {
    ...profile,
    id: randomUUID(),
    // Left null when the provider gave none (as NextAuth.js does), so that any number of
    // email-less users fit a unique email column.
    email: (profile.email ?? null) as string,
    emailVerified: isEmail ? new Date() : null,
  } as AdapterUser

  let user: AdapterUser
  try {
    user = await adapter.createUser!(draft)
  } catch (error) {
    const Failure = isEmail ? EmailCreateAccount : OAuthCreateAccount
    throw new Failure('The user could not be created.', { cause: error })
  }
  if (!isEmail) {
    try {
      await adapter.linkAccount!(toAdapterAccount(account, user.id))
    } catch (error) {
      await callAdapter('deleteUser', () => adapter.deleteUser?.(user.id))
      throw new OAuthCreateAccount('The account could not be linked.', { cause: error })
    }
  }
  return { user, isNewUser: true, afterApproval: [] }
}

async function currentUser(ctx: RequestContext, adapter: Adapter): Promise<AdapterUser | null> {
  const raw = readSessionCookie(ctx)
  if (!raw) return null
  if (ctx.config.session.strategy === 'database') {
    if (raw.length > 512) return null
    const found = await callAdapter('getSessionAndUser', () => adapter.getSessionAndUser!(raw))
    return found && found.session.expires.getTime() > Date.now() ? found.user : null
  }
  const token = await ctx.config.jwt.decode({ token: raw, secret: ctx.config.secretOption })
  if (!token?.sub) return null
  const sub = token.sub
  return callAdapter('getUser', () => adapter.getUser!(sub))
}

function toAdapterAccount(account: Account, userId: string): AdapterAccount {
  const stored = Object.fromEntries(
    Object.entries({ ...account, userId }).filter(([, value]) => value !== undefined),
  )
  return stored as unknown as AdapterAccount
}
