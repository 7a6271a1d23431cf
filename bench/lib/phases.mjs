/**
 * The phases of a benchmark run: HTTP and database-session load runs, in-process reads, cold
 * starts, client bundles and the profile of the Gatehouse server. Each takes the run's plan
 * (durations, rounds, connections) and returns rows for the report.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundleSize } from './bundle.mjs'
import { summariseProfile } from './profile.mjs'
import { signIn } from './sign-in.mjs'
import { fmt, median } from './stats.mjs'
import {
  SERVER_CORE,
  cpuMicros,
  memoryMiB,
  runJsonChild,
  runLoad,
  serverStats,
  startServerProcess,
  stopServerProcess,
} from './proc.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const WORK = fileURLToPath(new URL('../.work/', import.meta.url))

export const HTTP_LIBRARIES = ['bare', 'jwe', 'gatehouse', 'next-auth', 'authjs', 'better-auth']
/**
 * Extra HTTP rows that are not peers: Gatehouse as a fetch handler through the Web glue (what a
 * Next.js route handler pays), with its token cache off, and its read path in an app route.
 */
const HTTP_EXTRAS = ['gatehouse-web', 'gatehouse-uncached', 'gatehouse-read']
/** Extra in-process rows: Gatehouse with its token cache off. */
const INPROC_EXTRAS = ['gatehouse-uncached']
export const DB_LIBRARIES = ['gatehouse', 'authjs', 'better-auth']
export const LABELS = {
  bare: 'bare node:http',
  jwe: 'JWE decrypt only',
  gatehouse: 'Gatehouse',
  'gatehouse-web': 'Gatehouse Auth() through the Web glue (fetch handler)',
  'gatehouse-uncached': 'Gatehouse, token cache off (every request decrypts)',
  'gatehouse-read': 'Gatehouse getSession(req) in an app route (read only)',
  'next-auth': 'next-auth 4',
  authjs: '@auth/core',
  'better-auth': 'better-auth',
}

const log = (line) => process.stderr.write(`${line}\n`)

/** One measured load run: the load generator's numbers plus the server's CPU, memory, SQL. */
export async function measure(plan, server, cookie, duration) {
  const before = await serverStats(server.origin)
  const cpuBefore = cpuMicros(server.pid)
  const mainBefore = cpuMicros(server.pid, { mainThread: true })
  const load = await runLoad({
    origin: server.origin,
    path: server.sessionPath,
    cookie,
    duration,
    connections: plan.connections,
  })
  const cpuAfter = cpuMicros(server.pid)
  const mainAfter = cpuMicros(server.pid, { mainThread: true })
  const after = await serverStats(server.origin)
  const served = after.requests - before.requests
  return {
    ...load,
    cpuPerRequest: (cpuAfter - cpuBefore) / served,
    otherThreadsPerRequest: (cpuAfter - cpuBefore - (mainAfter - mainBefore)) / served,
    statementsPerRequest: (after.statements - before.statements) / served,
    ...memoryMiB(server.pid),
  }
}

/** Starts every target, signs in to each, warms each up, then runs measured rounds in turn. */
export async function loadPhase(plan, targets, rounds) {
  const started = []
  try {
    for (const target of targets) {
      const server = await startServerProcess(target.library, target.db, target.sqliteFile ?? '')
      started.push(server)
      target.server = server
      target.cookie = await signIn(target.library, server.origin, server.sessionPath, target.db)
      target.runs = []
      log(`  ${target.name}: signed in, warming up ${plan.warmup}s`)
      target.warmup = await runLoad({
        origin: server.origin,
        path: server.sessionPath,
        cookie: target.cookie,
        duration: plan.warmup,
        connections: plan.connections,
      })
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        const run = await measure(plan, target.server, target.cookie, plan.duration)
        target.runs.push(run)
        log(
          `  round ${round} ${target.name}: ${fmt(run.rps)} req/s, ${fmt(run.cpuPerRequest)} us/req, ${run.failures} failures`,
        )
      }
    }
  } finally {
    for (const server of started) await stopServerProcess(server)
  }
  return targets.map((target) => summarise(target))
}

function summarise(target) {
  const pick = (key) => median(target.runs.map((run) => run[key]))
  return {
    name: target.name,
    library: target.library,
    db: target.db,
    rps: pick('rps'),
    p50: pick('p50'),
    p99: pick('p99'),
    cpuPerRequest: pick('cpuPerRequest'),
    otherThreadsPerRequest: pick('otherThreadsPerRequest'),
    statementsPerRequest: pick('statementsPerRequest'),
    rss: pick('rss'),
    peak: Math.max(...target.runs.map((run) => run.peak)),
    checked: target.runs.reduce((sum, run) => sum + run.checked, 0) + (target.warmup?.checked ?? 0),
    failures:
      target.runs.reduce((sum, run) => sum + run.failures, 0) + (target.warmup?.failures ?? 0),
    sample: [target.warmup, ...target.runs].find((run) => run?.sample)?.sample ?? null,
  }
}

export async function httpPhase(plan) {
  log(
    `HTTP, JWT sessions: ${plan.rounds} rounds x ${plan.duration}s, ${plan.connections} connections`,
  )
  const targets = [...HTTP_LIBRARIES, ...HTTP_EXTRAS].map((library) => ({
    library,
    db: 'memory',
    name: LABELS[library],
  }))
  return loadPhase(plan, targets, plan.rounds)
}

export async function dbPhase(plan, notes) {
  const { ensurePostgresDatabase, dropPostgresDatabase } = await import('./db.mjs')
  const libraries = DB_LIBRARIES.filter((library) => {
    if (library !== 'gatehouse') return true
    const built = readdirSync(`${WORK}build/adapters`, { withFileTypes: true }).some(
      (f) => f.name === 'drizzle.js',
    )
    if (!built)
      notes.push(
        'Gatehouse database sessions not measured: src/adapters/drizzle/index.ts is missing.',
      )
    return built
  })
  let postgres = true
  try {
    await ensurePostgresDatabase()
  } catch (error) {
    postgres = false
    notes.push(`PostgreSQL not measured: ${error.message}`)
  }
  const targets = []
  for (const db of postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    for (const library of libraries) {
      const sqliteFile = `${WORK}db-${library}.sqlite`
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true })
      targets.push({
        library,
        db,
        sqliteFile,
        name: `${LABELS[library]} / ${db === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
      })
    }
  }
  log(`Database sessions: ${plan.dbRounds} rounds x ${plan.duration}s`)
  try {
    return await loadPhase(plan, targets, plan.dbRounds)
  } finally {
    if (postgres) await dropPostgresDatabase().catch(() => {})
  }
}

export async function inprocPhase(plan) {
  log(`In-process session reads: ${plan.inprocSeconds}s each`)
  const results = []
  for (const library of [...HTTP_LIBRARIES.filter((l) => l !== 'bare'), ...INPROC_EXTRAS]) {
    const result = await runJsonChild(SERVER_CORE, `${here}inproc.mjs`, [
      library,
      String(plan.inprocSeconds),
    ])
    log(`  ${LABELS[library]}: ${fmt(result.opsPerSec)} ops/s`)
    results.push({ library, name: LABELS[library], ...result })
  }
  return results
}

/** Signs in once per library (better-auth on a SQLite file, as its memory store dies with the process). */
async function coldPrep() {
  const prepared = []
  for (const library of HTTP_LIBRARIES) {
    const db = library === 'better-auth' ? 'sqlite' : 'memory'
    const sqliteFile = db === 'sqlite' ? `${WORK}cold-better-auth.sqlite` : ''
    if (sqliteFile)
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true })
    const server = await startServerProcess(library, db, sqliteFile)
    try {
      prepared.push({
        library,
        db,
        sqliteFile,
        cookie: await signIn(library, server.origin, server.sessionPath, db),
      })
    } finally {
      await stopServerProcess(server)
    }
  }
  return prepared
}

export async function coldPhase(plan) {
  log(`Cold start: ${plan.coldRuns} fresh processes per library`)
  const prepared = await coldPrep()
  const runs = new Map(prepared.map((p) => [p.library, []]))
  for (let run = 0; run < plan.coldRuns; run += 1) {
    for (const { library, db, sqliteFile, cookie } of prepared) {
      const result = await runJsonChild(SERVER_CORE, `${here}cold.mjs`, [library, db, sqliteFile], {
        BENCH_COOKIE: cookie,
      })
      if (!result.signedIn)
        throw new Error(
          `${library}: the first session request after a cold start was not signed in`,
        )
      runs.get(library).push(result)
    }
  }
  return prepared.map(({ library, db }) => {
    const times = runs.get(library).map((r) => r.ms)
    return {
      library,
      name: LABELS[library] + (db === 'sqlite' ? ' (SQLite)' : ''),
      ms: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      importMs: median(runs.get(library).map((r) => r.importMs)),
      answerMs: median(runs.get(library).map((r) => r.answerMs)),
      processMs: median(runs.get(library).map((r) => r.sinceProcessStart)),
    }
  })
}

export async function bundlePhase() {
  log('Client bundles')
  const results = []
  for (const library of ['gatehouse', 'next-auth', 'better-auth']) {
    const size = await bundleSize(library)
    results.push({
      library,
      name: library === 'gatehouse' ? 'gatehouse/react' : `${library}/react`,
      ...size,
    })
  }
  return results
}

export async function profilePhase(plan, targets) {
  const dir = `${WORK}profiles/`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const summaries = []
  for (const { db, name } of targets) {
    const sqliteFile = db === 'sqlite' ? `${WORK}profile.sqlite` : ''
    if (sqliteFile)
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true })
    const file = `${dir}gatehouse-${db}.cpuprofile`
    const server = await startServerProcess('gatehouse', db, sqliteFile)
    try {
      const cookie = await signIn('gatehouse', server.origin, server.sessionPath, db)
      const load = {
        origin: server.origin,
        path: server.sessionPath,
        cookie,
        connections: plan.connections,
      }
      await runLoad({ ...load, duration: plan.warmup })
      await fetch(`${server.origin}/__bench/profile-start`)
      await runLoad({ ...load, duration: plan.duration })
      await fetch(`${server.origin}/__bench/profile-stop?file=${encodeURIComponent(file)}`)
    } finally {
      await stopServerProcess(server)
    }
    summaries.push({ name, file, ...summariseProfile(file, 20) })
  }
  return summaries
}
