/**
 * The load generator, run in its own process (pinned to another core than the server):
 * `node bench/lib/load.mjs '<json>'` with `{ origin, path, cookie, duration, connections }`.
 * Every response is checked for status 200 and the signed-in user; prints one JSON line.
 */
import autocannon from 'autocannon'
import { isSignedIn } from './fixtures.mjs'

const { origin, path, cookie, duration, connections } = JSON.parse(process.argv[2])

let failures = 0
let checked = 0
let sample = null
const result = await autocannon({
  url: origin,
  connections,
  duration,
  requests: [
    {
      method: 'GET',
      path,
      headers: cookie ? { cookie } : {},
      onResponse(status, body) {
        checked += 1
        if (status !== 200 || !isSignedIn(body)) {
          failures += 1
          sample ??= `${status} ${String(body).slice(0, 300)}`
        }
      },
    },
  ],
})

process.stdout.write(
  `${JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    checked,
    failures: failures + result.errors + result.timeouts,
    sample,
  })}\n`,
)
