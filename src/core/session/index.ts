/**
 * Session lifecycle for both strategies: read (with sliding expiry), start after a sign-in,
 * update on `POST /session`, and end on sign-out.
 *
 * @module
 */
import type { AdapterUser } from '../adapter.js'
import { callAdapter } from '../call-adapter.js'
import { AdapterError, JWTSessionError } from '../errors.js'
import type { RequestContext } from '../internal.js'
import { identityJwt, identitySession } from '../config.js'
import type { Account, JWT, Profile, Session, User } from '../types.js'
import { refreshDatabaseAccounts, refreshJwtTokens } from '../oauth/refresh-session.js'
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from './cookie.js'
import { checkClaims, decode as decodeJwe, decrypt } from './jwt.js'

/** Options of {@link readSession}. */
export interface ReadSessionOptions {
  /** Body of `POST /session`: runs the callbacks with `trigger: 'update'`. */
  update?: { data: unknown }
  /** Extend the session and write cookies (the HTTP route); off for read-only callers. */
  write?: boolean
}

/**
 * The current session, or `null`. With `write`, a JWT is re-issued with a fresh expiry when the
 * callbacks changed it or `updateAge` has passed, and a database session is extended once per
 * `updateAge`; an invalid or expired cookie is cleared.
 *
 * @example
 * ```ts
 * const session = await readSession(ctx, { write: true })
 * ```
 */
export async function readSession(
  ctx: RequestContext,
  options: ReadSessionOptions = {},
): Promise<Session | null> {
  const raw = readSessionCookie(ctx)
  if (!raw) return null
  return ctx.config.session.strategy === 'jwt'
    ? readJwtSession(ctx, raw, options)
    : readDatabaseSession(ctx, raw, options)
}

/**
 * Whether a JWT read with `write` gets a new cookie: always after an update, and otherwise once
 * `updateAge` (at most half the token's lifetime, so a short `maxAge` still slides) has passed
 * since it was issued. A token without `iat`/`exp` (a custom `jwt.decode`) is always re-issued.
 */
function jwtDue(ctx: RequestContext, token: JWT, now: number): boolean {
  const { iat, exp } = token as { iat?: unknown; exp?: unknown }
  if (typeof iat !== 'number' || typeof exp !== 'number') return true
  const { updateAge, maxAge } = ctx.config.session
  return now >= (iat + Math.min(updateAge, maxAge / 2)) * 1000
}

/** Whether `value` is a promise (or another thenable) to wait for. */
function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

async function readJwtSession(
  ctx: RequestContext,
  raw: string,
  { update, write }: ReadSessionOptions,
): Promise<Session | null> {
  const { config } = ctx
  const builtIn = config.jwt.decode === decodeJwe
  const found = builtIn ? decodeBuiltIn(ctx, raw) : await decodeCustom(ctx, raw)
  let decoded = found.claims
  if (!decoded) {
    if (write) clearSessionCookie(ctx)
    return null
  }
  const now = Date.now()
  const due = update !== undefined || found.oldSecret || jwtDue(ctx, decoded, now)
  // Not yet due, the cookie is kept unless the callbacks change the token: the plaintext it was
  // parsed from (or a snapshot taken before they can mutate it) shows whether they did.
  const jwtMayChange = config.refreshes || config.callbacks.jwt !== identityJwt
  // The token is encoded after the session callback too (as in v4), so a change made there counts.
  const sessionMayChange = config.callbacks.session !== identitySession
  const before =
    write && !due && (jwtMayChange || sessionMayChange)
      ? (found.plaintext ?? JSON.stringify(decoded))
      : undefined
  if (config.refreshes) decoded = await refreshJwtTokens(ctx, decoded)

  const returned = config.callbacks.jwt({
    token: decoded,
    user: undefined as unknown as User,
    account: null,
    ...(update && { trigger: 'update' as const, session: update.data }),
  })
  const token = isThenable(returned) ? await returned : returned
  if (!token) {
    if (write) clearSessionCookie(ctx)
    return null
  }

  let reissue = write && (due || (jwtMayChange && JSON.stringify(token) !== before))
  const kept = !reissue && typeof token.exp === 'number' ? token.exp * 1000 : undefined
  let expires = new Date(kept ?? now + config.session.maxAge * 1000)
  const shownExpires = expires.toISOString()
  const shaped = config.callbacks.session({
    session: {
      // The app's own fields (an augmented Session['user']) are added by its session callback.
      user: { name: decoded.name, email: decoded.email, image: decoded.picture } as Session['user'],
      expires: shownExpires,
      ...(typeof token.error === 'string' && { error: token.error }),
    },
    token,
    user: undefined as unknown as AdapterUser,
    ...(update && { trigger: 'update' as const, newSession: update.data }),
  })
  const session = (isThenable(shaped) ? await shaped : shaped) as Session
  if (write && !reissue && sessionMayChange && JSON.stringify(token) !== before) {
    // The session callback changed the token: re-issue it, and answer the new expiry.
    reissue = true
    expires = new Date(now + config.session.maxAge * 1000)
    if (session?.expires === shownExpires) session.expires = expires.toISOString()
  }

  if (reissue) {
    const encoded = await config.jwt.encode({
      token,
      secret: config.secretOption,
      maxAge: config.session.maxAge,
    })
    writeSessionCookie(ctx, encoded, expires)
  }
  if (config.events.session)
    await runEvent(ctx, 'session', () => config.events.session!({ session, token }))
  return session
}

async function readDatabaseSession(
  ctx: RequestContext,
  sessionToken: string,
  { update, write }: ReadSessionOptions,
): Promise<Session | null> {
  const { config } = ctx
  const adapter = config.adapter!
  if (sessionToken.length > 512) {
    if (write) clearSessionCookie(ctx)
    return null
  }
  const found = await callAdapter('getSessionAndUser', () =>
    adapter.getSessionAndUser!(sessionToken),
  )
  if (!found) {
    if (write) clearSessionCookie(ctx)
    return null
  }

  const now = Date.now()
  const { session: row, user } = found
  if (row.expires.getTime() <= now) {
    await deleteQuietly(ctx, sessionToken)
    if (write) clearSessionCookie(ctx)
    return null
  }

  let expires = row.expires
  const { maxAge, updateAge } = config.session
  const dueAt = row.expires.getTime() - maxAge * 1000 + updateAge * 1000
  if (write && now >= dueAt) {
    expires = new Date(now + maxAge * 1000)
    await callAdapter('updateSession', () => adapter.updateSession!({ sessionToken, expires }))
    writeSessionCookie(ctx, sessionToken, expires)
  }

  const refreshed = config.refreshes ? await refreshDatabaseAccounts(ctx, user.id) : {}
  const session = (await config.callbacks.session({
    session: {
      user: { name: user.name, email: user.email, image: user.image } as Session['user'],
      expires: expires.toISOString(),
      ...(refreshed.error && { error: refreshed.error }),
    },
    user,
    token: undefined as unknown as JWT,
    ...(update && { trigger: 'update' as const, newSession: update.data }),
  })) as Session
  if (config.events.session)
    await runEvent(ctx, 'session', () => config.events.session!({ session }))
  return session
}

/** A decoded session token: its claims, whether an older secret opened it, its plaintext. */
interface DecodedToken {
  claims: JWT | null
  /** Sealed with a secret other than the newest: re-issue it under the newest. */
  oldSecret: boolean
  /** The JSON the claims were parsed from, when the built-in decoder read it. */
  plaintext?: string
}

/**
 * Decodes with the built-in decoder: secrets newest first, and what it decrypted is remembered
 * (see `token-cache.ts`), so a token seen before is only parsed and checked again.
 */
function decodeBuiltIn(ctx: RequestContext, raw: string): DecodedToken {
  const { secret, tokenCache } = ctx.config
  const known = tokenCache.get(raw)
  if (known) return { claims: checkClaims(known.plaintext), ...known }
  const found = decrypt(raw, secret)
  if (!found) return { claims: null, oldSecret: false }
  const claims = checkClaims(found.plaintext)
  const entry = { plaintext: found.plaintext, oldSecret: found.secretIndex > 0 }
  if (claims) tokenCache.set(raw, entry)
  return { claims, ...entry }
}

/** Decodes with the app's `jwt.decode`, which gets every secret at once. */
async function decodeCustom(ctx: RequestContext, raw: string): Promise<DecodedToken> {
  const { jwt, secretOption } = ctx.config
  try {
    return { claims: await jwt.decode({ token: raw, secret: secretOption }), oldSecret: false }
  } catch (error) {
    ctx.config.logger.error(
      JWTSessionError.code,
      new JWTSessionError('The session token could not be decoded.', { cause: error }),
    )
    return { claims: null, oldSecret: false }
  }
}

/** The claims of a session token, with whichever decoder the app uses. */
async function decodeToken(ctx: RequestContext, raw: string): Promise<JWT | null> {
  return ctx.config.jwt.decode === decodeJwe
    ? decodeBuiltIn(ctx, raw).claims
    : (await decodeCustom(ctx, raw)).claims
}

/** What a completed sign-in hands to {@link startSession}. */
export interface SignedIn {
  user: User | AdapterUser
  account: Account | null
  profile?: Profile
  isNewUser: boolean
  /** Claims to merge into the JWT before the `jwt` callback, e.g. tokens for refresh. */
  claims?: Record<string, unknown>
}

/**
 * Starts a session for a signed-in user: a JWT cookie, or a session row and its token cookie.
 *
 * @example
 * ```ts
 * await startSession(ctx, { user, account, profile, isNewUser })
 * ```
 */
export async function startSession(ctx: RequestContext, signedIn: SignedIn): Promise<void> {
  const { config } = ctx
  const { user, account, profile, isNewUser } = signedIn
  const expires = new Date(Date.now() + config.session.maxAge * 1000)

  if (config.session.strategy === 'jwt') {
    const defaultToken: JWT = {
      name: user.name ?? null,
      email: user.email ?? null,
      picture: user.image ?? null,
      sub: user.id === undefined ? undefined : String(user.id),
      ...signedIn.claims,
    }
    const token = await config.callbacks.jwt({
      token: defaultToken,
      user,
      account,
      profile,
      isNewUser,
      trigger: isNewUser ? 'signUp' : 'signIn',
    })
    if (!token) {
      clearSessionCookie(ctx)
      return
    }
    const encoded = await config.jwt.encode({
      token,
      secret: config.secretOption,
      maxAge: config.jwt.maxAge,
    })
    writeSessionCookie(ctx, encoded, new Date(Date.now() + config.jwt.maxAge * 1000))
    return
  }

  const adapter = config.adapter!
  const sessionToken = config.session.generateSessionToken()
  await callAdapter('createSession', () =>
    adapter.createSession!({ sessionToken, userId: user.id, expires }),
  )
  writeSessionCookie(ctx, sessionToken, expires)
}

/**
 * Ends the current session: deletes its row (database strategy) and clears the cookie.
 * Returns what the `signOut` event receives.
 *
 * @example
 * ```ts
 * const ended = await endSession(ctx)
 * ```
 */
export async function endSession(
  ctx: RequestContext,
): Promise<{ session?: unknown; token?: JWT | null }> {
  const { config } = ctx
  const raw = readSessionCookie(ctx)
  clearSessionCookie(ctx)
  if (!raw) return {}
  if (config.session.strategy === 'jwt') return { token: await decodeToken(ctx, raw) }
  if (raw.length > 512) return {}
  return { session: (await deleteQuietly(ctx, raw)) ?? undefined }
}

/**
 * Deletes a session row; a failure (often a row already gone) is logged, not raised, since the
 * cookie is cleared either way.
 */
async function deleteQuietly(ctx: RequestContext, sessionToken: string): Promise<unknown> {
  try {
    return await ctx.config.adapter!.deleteSession!(sessionToken)
  } catch (error) {
    ctx.config.logger.error(
      AdapterError.code,
      new AdapterError('adapter.deleteSession() failed.', { cause: error }),
    )
    return undefined
  }
}

/**
 * Runs an event handler; a throw is logged and does not fail the request.
 *
 * @example
 * ```ts
 * await runEvent(ctx, 'signIn', () => config.events.signIn?.({ user, account }))
 * ```
 */
export async function runEvent(
  ctx: RequestContext,
  name: string,
  call: () => unknown,
): Promise<void> {
  try {
    await call()
  } catch (error) {
    ctx.config.logger.error(`EventError`, { event: name, error })
  }
}
