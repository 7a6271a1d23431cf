/**
 * `gatehouse`: the root entry, as `next-auth`. `NextAuth(options)` serves the auth routes in
 * Next.js, `getServerSession` reads the session on the server, and the public types are
 * re-exported here so that apps augment them with `declare module 'gatehouse'`.
 *
 * @example
 * ```ts
 * declare module 'gatehouse' {
 *   interface Session {
 *     user: { id: string; role: 'user' | 'admin' } & DefaultSession['user']
 *   }
 * }
 * ```
 *
 * @module
 */
export { NextAuth, NextAuth as default } from './next/route-handler.js'
export type { AuthRouteContext, AuthRouteHandler } from './next/route-handler.js'
export { getServerSession } from './next/get-server-session.js'
export type {
  Account,
  AuthOptions,
  CallbacksOptions,
  DefaultSession,
  EventCallbacks,
  JWT,
  NextAuthOptions,
  PagesOptions,
  Profile,
  Session,
  SessionOptions,
  Theme,
  User,
} from './core/types.js'
