/**
 * Cold start: `node bench/lib/cold.mjs <library> [db] [sqliteFile]` with the signed-in Cookie
 * header in BENCH_COOKIE. Times, in a fresh process, importing the server entry (the library
 * and its app), listening, and answering the first GET session request with that cookie.
 * Prints `{ ms, importMs, listenMs, answerMs, sinceProcessStart, signedIn }`.
 */
import { performance } from 'node:perf_hooks'

const start = performance.now()
const [library, db = 'memory', sqliteFile] = process.argv.slice(2)
const http = await import('node:http')
const { isSignedIn } = await import('./fixtures.mjs')
const { startServer } = await import('./serve.mjs')
await import(`../servers/${library}.mjs`)
const imported = performance.now()
const { server, app, port } = await startServer(library, { db, sqliteFile, reset: false })
const listening = performance.now()

const body = await new Promise((resolve, reject) => {
  const request = http.get(
    {
      host: '127.0.0.1',
      port,
      path: app.sessionPath,
      headers: { cookie: process.env.BENCH_COOKIE ?? '' },
    },
    (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (text += chunk))
      response.on('end', () => resolve(text))
    },
  )
  request.on('error', reject)
})
const end = performance.now()
server.close()
process.stdout.write(
  `${JSON.stringify({
    ms: end - start,
    importMs: imported - start,
    listenMs: listening - imported,
    answerMs: end - listening,
    sinceProcessStart: end,
    signedIn: isSignedIn(body),
  })}\n`,
)
process.exit(0)
