/**
 * `gatehouse/next`: the Next.js integration, as `next-auth/next`: the route handler and
 * `getServerSession`.
 *
 * @module
 */
export { NextAuth, NextAuth as default } from './route-handler.js'
export type { AuthRouteContext, AuthRouteHandler, PagesApiRequest } from './route-handler.js'
export { getServerSession } from './get-server-session.js'
