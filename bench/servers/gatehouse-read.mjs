/**
 * Gatehouse's read path alone: an app's own node:http route that calls `getSession(req,
 * options)` from `gatehouse/node` and writes the session JSON itself, with no auth route around
 * it and no cookie written. Not a like-for-like peer row: it shows how much of the session
 * endpoint's cost is the read and how much the route around it.
 */
import { getSession } from '../.work/build/node.js'
import { createApp as createGatehouse } from './gatehouse.mjs'

export async function createApp(options) {
  const app = await createGatehouse(options)
  return {
    ...app,
    async handler(req, res) {
      if (req.url !== app.sessionPath) return app.handler(req, res)
      const session = await getSession(req, app.options)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(session ?? {}))
    },
  }
}
