/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per area
 * (Gatehouse, Web Request/Response, node:http, crypto, ORM, GC), as shares of the busy samples.
 */
import { readFileSync } from 'node:fs'

const AREAS = [
  ['Gatehouse (src/)', (url) => url.includes('/bench/.work/build/')],
  ['bench glue (lib/web-node.mjs, serve.mjs)', (url) => url.includes('/bench/lib/')],
  ['cookie package', (url) => url.includes('/node_modules/cookie/')],
  ['Drizzle ORM', (url) => url.includes('/node_modules/drizzle-orm/')],
  ['better-sqlite3', (url) => url.includes('/node_modules/better-sqlite3/')],
  ['pg', (url) => /\/node_modules\/pg[^/]*\//.test(url)],
  [
    'Web Request/Response/streams (undici)',
    (url) =>
      /undici|webstreams|abort_controller|js_transferable|event_target|internal\/url/.test(url),
  ],
  ['promise and task scheduling', (url) => /task_queues|async_hooks|internal\/timers/.test(url)],
  ['node:crypto', (url) => url.includes('internal/crypto') || url === 'node:crypto'],
  [
    'node:http, net, streams',
    (url) => /_http_|node:net|internal\/streams|stream_base|node:events/.test(url),
  ],
]

function area(functionName, url) {
  if (functionName === '(garbage collector)') return 'garbage collector'
  if (functionName === '(idle)') return 'idle'
  for (const [name, test] of AREAS) if (test(url)) return name
  return url ? 'other JavaScript' : 'native / runtime'
}

function shortUrl(url) {
  return url
    .replace(/^.*\/node_modules\//, '')
    .replace(/^file:\/\/.*\/bench\/\.work\/build\//, 'gatehouse build/')
    .replace(/^file:\/\/.*\/bench\//, 'bench/')
}

/** The `limit` functions with the most self time, and the busy time per area. */
export function summariseProfile(file, limit = 20) {
  const profile = JSON.parse(readFileSync(file, 'utf8'))
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const hits = new Map()
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1)
  const byFunction = new Map()
  const byArea = new Map()
  let busy = 0
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber } = byNode.get(id).callFrame
    const where = area(functionName, url)
    if (where === 'idle') continue
    busy += count
    byArea.set(where, (byArea.get(where) ?? 0) + count)
    const key =
      `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim()
    byFunction.set(key, (byFunction.get(key) ?? 0) + count)
  }
  const ranked = (map) =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, share: count / busy }))
  return { top: ranked(byFunction).slice(0, limit), areas: ranked(byArea) }
}
