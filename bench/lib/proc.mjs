/**
 * Child processes of the harness: servers pinned to a core with `taskset`, their CPU time and
 * memory read from /proc, and one-shot JSON-printing children.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const SERVER_CORE = '1'
export const LOAD_CORE = '0'
const here = fileURLToPath(new URL('.', import.meta.url))
const CLOCK_TICKS = 100

/**
 * User + system CPU time of `pid` in microseconds: all its threads, or with `mainThread` only
 * the thread that runs JavaScript (the rest being V8's GC helpers and libuv's thread pool).
 */
export function cpuMicros(pid, { mainThread = false } = {}) {
  const stat = readFileSync(
    mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
    'utf8',
  )
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS
}

/** Resident set size and its peak of `pid`, in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kib = (name) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0)
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 }
}

function pinned(core, args) {
  return ['taskset', ['-c', core, process.execPath, ...args]]
}

/** Starts a server on the server core; resolves with its port, pid and session path. */
export function startServerProcess(library, db = 'memory', sqliteFile = '', nodeFlags = []) {
  const [command, args] = pinned(SERVER_CORE, [
    ...nodeFlags,
    `${here}serve.mjs`,
    library,
    db,
    sqliteFile,
  ])
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const line = stdout.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        const ready = JSON.parse(line)
        resolve({ ...ready, child, origin: `http://127.0.0.1:${ready.port}`, stderr: () => stderr })
      }
    })
    child.on('exit', (code) => reject(new Error(`${library} server exited (${code}): ${stderr}`)))
  })
}

/** Stops a server started by {@link startServerProcess} and waits for it to exit. */
export function stopServerProcess(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve()
    server.child.removeAllListeners('exit')
    server.child.once('exit', resolve)
    server.child.kill('SIGTERM')
  })
}

/** Runs a node script pinned to `core` and resolves with the JSON of its last stdout line. */
export function runJsonChild(core, script, args, env = {}) {
  const [command, argv] = pinned(core, [script, ...args])
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').pop()
      try {
        if (code !== 0) throw new Error(`exit ${code}`)
        resolve(JSON.parse(last))
      } catch (error) {
        reject(
          new Error(
            `${script} ${args.join(' ')} failed (${error.message}): ${stderr.slice(-2000)} ${stdout.slice(-500)}`,
          ),
        )
      }
    })
  })
}

/** Runs the load generator on the load core against a server. */
export function runLoad({ origin, path, cookie, duration, connections }) {
  return runJsonChild(LOAD_CORE, `${here}load.mjs`, [
    JSON.stringify({ origin, path, cookie, duration, connections }),
  ])
}

/** The server's counters (`/__bench/stats`). */
export async function serverStats(origin) {
  return (await fetch(`${origin}/__bench/stats`)).json()
}
