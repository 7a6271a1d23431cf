/**
 * Runs one library's server: `node bench/lib/serve.mjs <library> [memory|sqlite|postgres]`.
 * Listens on 127.0.0.1 (port 0), then prints one JSON line `{ ready, port, pid, sessionPath }`.
 * `GET /__bench/stats` answers the statement and request counters. SIGTERM exits cleanly, so a
 * `--cpu-prof` profile gets written.
 */
import http from 'node:http'
import { Session } from 'node:inspector/promises'
import { writeFileSync } from 'node:fs'
import { counters } from './counters.mjs'
import { HOST } from './fixtures.mjs'

/** Starts `library`'s app on a fresh node:http server and resolves when it listens. */
export async function startServer(library, options = {}) {
  const { createApp } = await import(`../servers/${library}.mjs`)
  const server = http.createServer()
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, HOST, resolve))
  const { port } = server.address()
  const origin = `http://${HOST}:${port}`
  const app = await createApp({ origin, ...options })
  server.on('request', (req, res) => {
    if (req.url.startsWith('/__bench/profile')) return profileRoute(req, res)
    if (req.url === '/__bench/stats') {
      res.setHeader('content-type', 'application/json')
      return res.end(JSON.stringify(counters))
    }
    if (req.url === app.sessionPath) counters.requests += 1
    app.handler(req, res)
  })
  return { server, app, origin, port }
}

let inspector = null

/**
 * `/__bench/profile-start` starts the CPU profiler; `/__bench/profile-stop?file=...` stops it
 * and writes the `.cpuprofile`, so a profile covers only the load, not start-up and sign-in.
 */
async function profileRoute(req, res) {
  const url = new URL(req.url, 'http://localhost')
  if (url.pathname === '/__bench/profile-start') {
    inspector = new Session()
    inspector.connect()
    await inspector.post('Profiler.enable')
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 })
    await inspector.post('Profiler.start')
  } else if (inspector) {
    const { profile } = await inspector.post('Profiler.stop')
    writeFileSync(url.searchParams.get('file'), JSON.stringify(profile))
    inspector.disconnect()
    inspector = null
  }
  res.end('{}')
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const [library, db = 'memory', sqliteFile] = process.argv.slice(2)
  const { port, app } = await startServer(library, { db, sqliteFile })
  process.on('SIGTERM', async () => {
    await app.close?.()
    process.exit(0)
  })
  process.stdout.write(
    `${JSON.stringify({ ready: true, port, pid: process.pid, sessionPath: app.sessionPath })}\n`,
  )
}
