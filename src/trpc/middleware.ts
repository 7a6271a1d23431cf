/**
 * Middleware factories for a tRPC instance `t`: `authed(t)` refuses requests without a session
 * and narrows `ctx.session` for the procedures after it; `hasRole(t, ...roles)` also checks
 * `session.user.role`. `createAuthProcedures(t)` builds the usual procedures from them.
 *
 * @module
 */
import {
  TRPCError,
  type TRPCMiddlewareBuilder,
  type TRPCMiddlewareFunction,
  type TRPCProcedureBuilder,
  type TRPCUnsetMarker,
} from '@trpc/server'
import type { Session } from '../core/types.js'

/**
 * A session whose `user` is there: what `ctx.session` is after {@link authed}.
 *
 * @example
 * ```ts
 * protectedProcedure.query(({ ctx }) => ctx.session.user.email) // no `?.` needed
 * ```
 */
export type AuthenticatedSession = Session & { user: NonNullable<Session['user']> }

/**
 * The role type of the app's user: the type of `role` on the augmented `Session['user']`, or
 * `string` when the app has not declared one.
 *
 * @example
 * ```ts
 * const adminRoles: Role[] = ['ADMIN']
 * export const adminProcedure = t.procedure.use(hasRole(t, ...adminRoles))
 * ```
 */
export type Role =
  NonNullable<Session['user']> extends { role?: infer R } ? Exclude<R, null | undefined> : string

/**
 * What a context must carry for these middlewares: the session, or `null` when signed out.
 *
 * @example
 * ```ts
 * type Context = SessionContextShape & { db: Database }
 * ```
 */
export interface SessionContextShape {
  session?: Session | null
}

/**
 * The part of a tRPC root object (`initTRPC.context<C>().create()`) that makes middlewares.
 *
 * @example
 * ```ts
 * const factory: MiddlewareFactory<SessionContext, object> = initTRPC.context<SessionContext>().create()
 * ```
 */
export interface MiddlewareFactory<TContext, TMeta> {
  middleware: <$ContextOverrides>(
    fn: TRPCMiddlewareFunction<TContext, TMeta, object, $ContextOverrides, unknown>,
  ) => TRPCMiddlewareBuilder<TContext, TMeta, $ContextOverrides, unknown>
}

/**
 * The context overrides the auth middlewares add.
 *
 * @example
 * ```ts
 * type ProtectedContext = SessionContext & AuthenticatedContext
 * ```
 */
export interface AuthenticatedContext {
  session: AuthenticatedSession
}

function requireSession(ctx: SessionContextShape): AuthenticatedSession {
  const session = ctx.session
  if (!session?.user) throw new TRPCError({ code: 'UNAUTHORIZED' })
  return session as AuthenticatedSession
}

/**
 * A middleware that throws `TRPCError({ code: 'UNAUTHORIZED' })` without a session and passes
 * the session on as non-null, so `ctx.session.user` needs no check in the resolver.
 *
 * @example
 * ```ts
 * import { initTRPC } from '@trpc/server'
 * import { authed, type SessionContext } from 'gatehouse/trpc'
 *
 * const t = initTRPC.context<SessionContext>().create()
 * export const protectedProcedure = t.procedure.use(authed(t))
 * ```
 */
export function authed<TContext extends SessionContextShape, TMeta extends object>(
  t: MiddlewareFactory<TContext, TMeta>,
): TRPCMiddlewareBuilder<TContext, TMeta, AuthenticatedContext, unknown> {
  return t.middleware(({ ctx, next }) => next({ ctx: { session: requireSession(ctx) } }))
}

/**
 * A middleware that throws `UNAUTHORIZED` without a session and `FORBIDDEN` unless
 * `session.user.role` is one of `roles`. The role type is the one the app declared on its
 * `Session['user']` through `declare module 'gatehouse'`.
 *
 * @example
 * ```ts
 * export const adminProcedure = t.procedure.use(hasRole(t, 'ADMIN'))
 * ```
 */
export function hasRole<TContext extends SessionContextShape, TMeta extends object>(
  t: MiddlewareFactory<TContext, TMeta>,
  ...roles: Role[]
): TRPCMiddlewareBuilder<TContext, TMeta, AuthenticatedContext, unknown> {
  const allowed = new Set<unknown>(roles)
  return t.middleware(({ ctx, next }) => {
    const session = requireSession(ctx)
    if (!allowed.has((session.user as { role?: unknown }).role)) {
      throw new TRPCError({ code: 'FORBIDDEN' })
    }
    return next({ ctx: { session } })
  })
}

/** A procedure builder of `t` whose context has a non-null session. */
type AuthenticatedProcedure<TContext, TMeta, TErrorShape> = TRPCProcedureBuilder<
  TContext,
  TMeta,
  AuthenticatedContext,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  TRPCUnsetMarker,
  false,
  TErrorShape
>

/**
 * The part of a tRPC root object these builders use.
 *
 * @example
 * ```ts
 * createAuthProcedures(initTRPC.context<SessionContext>().create())
 * ```
 */
export interface AuthProcedureRoot<TContext, TMeta, TErrorShape> extends MiddlewareFactory<
  TContext,
  TMeta
> {
  procedure: TRPCProcedureBuilder<
    TContext,
    TMeta,
    object,
    TRPCUnsetMarker,
    TRPCUnsetMarker,
    TRPCUnsetMarker,
    TRPCUnsetMarker,
    false,
    TErrorShape
  >
}

/**
 * Builds `protectedProcedure` (signed in) and `roleProcedure(...roles)` (signed in with one of
 * the roles) from `t.procedure`, the two procedures every tRPC app with users writes by hand.
 *
 * @example
 * ```ts
 * const t = initTRPC.context<SessionContext>().create()
 * export const { protectedProcedure, roleProcedure } = createAuthProcedures(t)
 * export const adminProcedure = roleProcedure('ADMIN')
 * ```
 */
export function createAuthProcedures<
  TContext extends SessionContextShape,
  TMeta extends object,
  TErrorShape,
>(
  t: AuthProcedureRoot<TContext, TMeta, TErrorShape>,
): {
  protectedProcedure: AuthenticatedProcedure<TContext, TMeta, TErrorShape>
  roleProcedure: (...roles: Role[]) => AuthenticatedProcedure<TContext, TMeta, TErrorShape>
} {
  // tRPC cannot relate a generic context to its own `Overwrite<TContext, object>`, so the
  // builders are typed by the declared return type rather than inferred.
  type Use = Parameters<typeof t.procedure.use>[0]
  const build = (middleware: unknown) =>
    t.procedure.use(middleware as Use) as unknown as AuthenticatedProcedure<
      TContext,
      TMeta,
      TErrorShape
    >
  return {
    protectedProcedure: build(authed(t)),
    roleProcedure: (...roles) => build(hasRole(t, ...roles)),
  }
}
