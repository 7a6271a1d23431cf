/**
 * Baseline: a bare node:http server answering a fixed session JSON, the floor for what any
 * session endpoint can cost on this machine.
 */
import { BASE_PATH, USER } from '../lib/fixtures.mjs'

export const label = 'bare node:http'

export async function createApp() {
  const maxAge = 30 * 24 * 60 * 60 * 1000
  return {
    sessionPath: `${BASE_PATH}/session`,
    handler(req, res) {
      const body = JSON.stringify({
        user: { name: USER.name, email: USER.email, image: null },
        expires: new Date(Date.now() + maxAge).toISOString(),
      })
      res.setHeader('content-type', 'application/json')
      res.end(body)
    },
  }
}
