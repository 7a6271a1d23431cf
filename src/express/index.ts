/**
 * Gatehouse for Express 4 and 5: `ExpressAuth` serves the auth routes at its mount path,
 * `getSession` reads the session of a request, `requireAuth` and `requireRole` guard routes.
 *
 * @example
 * ```ts
 * import express from 'express'
 * import { ExpressAuth, requireAuth } from 'gatehouse/express'
 *
 * const app = express()
 * app.use('/api/auth', ExpressAuth(authOptions))
 * app.get('/api/profile', requireAuth(authOptions), (req, res) => res.json(req.auth))
 * ```
 *
 * @module
 */
export { ExpressAuth, type ExpressAuthConfig } from './express-auth.js'
export { getSession } from './session.js'
export { requireAuth, requireRole, type AuthenticatedSession, type Role } from './require-auth.js'
