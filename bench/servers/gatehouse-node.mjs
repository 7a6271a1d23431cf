/**
 * Gatehouse through `gatehouse/node`: `NodeAuth(options)` reads the node:http request and writes
 * the engine's answer to the response directly, with no Web Request or Response in between.
 * The same app and options as servers/gatehouse.mjs.
 */
import { NodeAuth } from '../.work/build/node.js'
import { createApp as createGatehouse } from './gatehouse.mjs'

export const label = 'Gatehouse (gatehouse/node)'

export async function createApp(options) {
  const app = await createGatehouse(options)
  return { ...app, handler: NodeAuth(app.options) }
}
