/**
 * Gatehouse's read path alone: an app's own node:http route that calls `getSession(request,
 * options)` and writes the session JSON itself, with no `Auth` route, no re-issued cookie and no
 * Web Response. Not a like-for-like peer row: it shows how much of the session endpoint's cost
 * is the read and how much the route around it.
 */
import { getSession } from '../.work/build/core.js'
import { toWebRequest } from '../lib/web-node.mjs'
import { createApp as createGatehouse } from './gatehouse.mjs'

export async function createApp(options) {
  const app = await createGatehouse(options)
  const { origin } = options
  return {
    ...app,
    async handler(req, res) {
      if (req.url !== app.sessionPath) return app.handler(req, res)
      const session = await getSession(await toWebRequest(req, origin), app.options)
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(session ?? {}))
    },
  }
}
