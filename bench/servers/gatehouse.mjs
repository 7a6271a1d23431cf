/**
 * Gatehouse: `NodeAuth(options)` from `gatehouse/node`, its mount for node:http servers, which
 * reads the request and writes the engine's answer without a Web Request or Response.
 * Credentials sign-in; JWT sessions, or database sessions through its Drizzle adapter on SQLite
 * or PostgreSQL. The app and options are those of servers/gatehouse-web.mjs.
 */
import { NodeAuth } from '../.work/build/node.js'
import { createApp as createWebApp } from './gatehouse-web.mjs'

export const label = 'Gatehouse'

export async function createApp(options) {
  const app = await createWebApp(options)
  return { ...app, handler: NodeAuth(app.options) }
}
