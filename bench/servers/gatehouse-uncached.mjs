/**
 * Gatehouse through `gatehouse/node` as servers/gatehouse.mjs, with its decrypted-token cache
 * off (the app passes its own `jwt.decode`): every request decrypts the session cookie, as the
 * first request of each token does.
 */
import { NodeAuth } from '../.work/build/node.js'
import { createApp as createWebApp } from './gatehouse-web.mjs'

export const label = 'Gatehouse, token cache off'

export async function createApp(options) {
  const app = await createWebApp({ ...options, uncached: true })
  return { ...app, handler: NodeAuth(app.options) }
}
