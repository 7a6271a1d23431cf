/**
 * Gatehouse for tRPC 11: a context creator that reads the session for every tRPC adapter, and
 * middlewares that require a session or a role.
 *
 * @example
 * ```ts
 * import { initTRPC } from '@trpc/server'
 * import { createAuthProcedures, createContext, type SessionContext } from 'gatehouse/trpc'
 *
 * const t = initTRPC.context<SessionContext>().create()
 * export const { protectedProcedure, roleProcedure } = createAuthProcedures(t)
 * export const contextFor = createContext(authOptions)
 * ```
 *
 * @module
 */
export { createContext, type SessionContext } from './context.js'
export { getSession, type AdapterRequest, type CookieSink } from './session.js'
export {
  authed,
  createAuthProcedures,
  hasRole,
  type AuthenticatedContext,
  type AuthenticatedSession,
  type AuthProcedureRoot,
  type MiddlewareFactory,
  type Role,
  type SessionContextShape,
} from './middleware.js'
