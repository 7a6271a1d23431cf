/**
 * In-process session reads: `node bench/lib/inproc.mjs <library> <seconds>`. Starts the
 * library's app in this process, signs in over HTTP, prepares a signed-in request, then calls
 * the library's own session read (Gatehouse `getSession`, next-auth `getServerSession`,
 * @auth/core `Auth` on GET /session, better-auth `auth.api.getSession`) one after another for
 * the given time after a one-second warm-up. Prints `{ ops, seconds, opsPerSec, cpuPerOp,
 * failures }`, the CPU time being the whole process's (thread pool included), in microseconds.
 */
import { performance } from 'node:perf_hooks'
import { USER } from './fixtures.mjs'
import { startServer } from './serve.mjs'
import { signIn } from './sign-in.mjs'

const [library, seconds = '3'] = process.argv.slice(2)
const { server, app, origin } = await startServer(library, {})
const cookie = await signIn(library, origin, app.sessionPath)
const read = app.prepareRead(cookie)

async function loop(ms) {
  let ops = 0
  let failures = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 50; i += 1) {
      if ((await read()) !== USER.email) failures += 1
      ops += 1
    }
    now = performance.now()
  }
  const used = process.cpuUsage(cpu)
  return { ops, failures, seconds: (now - start) / 1000, cpuPerOp: (used.user + used.system) / ops }
}

await loop(1000)
const measured = await loop(Number(seconds) * 1000)
server.close()
process.stdout.write(
  `${JSON.stringify({ ...measured, opsPerSec: measured.ops / measured.seconds })}\n`,
)
process.exit(0)
