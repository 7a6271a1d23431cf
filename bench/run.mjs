/**
 * `npm run bench`: Gatehouse against next-auth 4, @auth/core and better-auth, plus a bare
 * node:http server and a JWE-decrypt-only server, all on 127.0.0.1 in this process tree.
 *
 *   node bench/run.mjs [--quick] [--profile] [--only=http,db,inproc,cold,bundle] [--no-record]
 *
 * Servers run pinned to core 1, the load generator (autocannon, its own process) to core 0.
 * Prints a table of medians and ratios and appends it, with the machine and the library
 * versions, to bench/RESULTS.md (unless --no-record). See bench/README.md.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, appendFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildGatehouse } from './lib/build.mjs'
import { bundleSize } from './lib/bundle.mjs'
import { signIn } from './lib/sign-in.mjs'
import { median, fmt, ratio, table } from './lib/stats.mjs'
import { topSelfTime } from './lib/profile.mjs'
import {
  SERVER_CORE,
  cpuMicros,
  memoryMiB,
  runJsonChild,
  runLoad,
  serverStats,
  startServerProcess,
  stopServerProcess,
} from './lib/proc.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const WORK = `${here}.work/`
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const record = !args.includes('--no-record')
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
const wants = (phase) => !only || only.includes(phase)

const PLAN = quick
  ? {
      connections: 50,
      warmup: 1,
      duration: 2,
      rounds: 1,
      dbRounds: 1,
      inprocSeconds: 1,
      coldRuns: 3,
    }
  : {
      connections: 50,
      warmup: 3,
      duration: 5,
      rounds: 3,
      dbRounds: 2,
      inprocSeconds: 3,
      coldRuns: 7,
    }

const HTTP_LIBRARIES = ['bare', 'jwe', 'gatehouse', 'next-auth', 'authjs', 'better-auth']
const DB_LIBRARIES = ['gatehouse', 'authjs', 'better-auth']
const LABELS = {
  bare: 'bare node:http',
  jwe: 'JWE decrypt only',
  gatehouse: 'Gatehouse',
  'next-auth': 'next-auth 4',
  authjs: '@auth/core',
  'better-auth': 'better-auth',
}

const log = (line) => process.stderr.write(`${line}\n`)

function versions() {
  const version = (name) =>
    JSON.parse(readFileSync(`${here}../node_modules/${name}/package.json`, 'utf8')).version
  return {
    gatehouse: JSON.parse(readFileSync(`${here}../package.json`, 'utf8')).version,
    'next-auth': version('next-auth'),
    '@auth/core': version('@auth/core'),
    'better-auth': version('better-auth'),
    '@auth/drizzle-adapter': version('@auth/drizzle-adapter'),
    'drizzle-orm': version('drizzle-orm'),
    'better-sqlite3': version('better-sqlite3'),
    pg: version('pg'),
    autocannon: version('autocannon'),
    esbuild: version('esbuild'),
  }
}

function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  }
}

/** One measured load run: the load generator's numbers plus the server's CPU, memory, SQL. */
async function measure(server, cookie, duration) {
  const before = await serverStats(server.origin)
  const cpuBefore = cpuMicros(server.pid)
  const load = await runLoad({
    origin: server.origin,
    path: server.sessionPath,
    cookie,
    duration,
    connections: PLAN.connections,
  })
  const cpuAfter = cpuMicros(server.pid)
  const after = await serverStats(server.origin)
  const served = after.requests - before.requests
  return {
    ...load,
    cpuPerRequest: (cpuAfter - cpuBefore) / served,
    statementsPerRequest: (after.statements - before.statements) / served,
    ...memoryMiB(server.pid),
  }
}

/** Starts every target, signs in to each, warms each up, then runs measured rounds in turn. */
async function loadPhase(targets, rounds) {
  const started = []
  try {
    for (const target of targets) {
      const server = await startServerProcess(target.library, target.db, target.sqliteFile ?? '')
      started.push(server)
      target.server = server
      target.cookie = await signIn(target.library, server.origin, server.sessionPath, target.db)
      target.runs = []
      log(`  ${target.name}: signed in, warming up ${PLAN.warmup}s`)
      target.warmup = await runLoad({
        origin: server.origin,
        path: server.sessionPath,
        cookie: target.cookie,
        duration: PLAN.warmup,
        connections: PLAN.connections,
      })
    }
    for (let round = 1; round <= rounds; round += 1) {
      for (const target of targets) {
        const run = await measure(target.server, target.cookie, PLAN.duration)
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
    statementsPerRequest: pick('statementsPerRequest'),
    rss: pick('rss'),
    peak: Math.max(...target.runs.map((run) => run.peak)),
    checked: target.runs.reduce((sum, run) => sum + run.checked, 0) + (target.warmup?.checked ?? 0),
    failures:
      target.runs.reduce((sum, run) => sum + run.failures, 0) + (target.warmup?.failures ?? 0),
    sample: [target.warmup, ...target.runs].find((run) => run?.sample)?.sample ?? null,
  }
}

async function httpPhase() {
  log(
    `HTTP, JWT sessions: ${PLAN.rounds} rounds x ${PLAN.duration}s, ${PLAN.connections} connections`,
  )
  const targets = HTTP_LIBRARIES.map((library) => ({
    library,
    db: 'memory',
    name: LABELS[library],
  }))
  return loadPhase(targets, PLAN.rounds)
}

async function dbPhase(notes) {
  const { ensurePostgresDatabase, dropPostgresDatabase } = await import('./lib/db.mjs')
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
  log(`Database sessions: ${PLAN.dbRounds} rounds x ${PLAN.duration}s`)
  try {
    return await loadPhase(targets, PLAN.dbRounds)
  } finally {
    if (postgres) await dropPostgresDatabase().catch(() => {})
  }
}

async function inprocPhase() {
  log(`In-process session reads: ${PLAN.inprocSeconds}s each`)
  const results = []
  for (const library of HTTP_LIBRARIES.filter((l) => l !== 'bare')) {
    const result = await runJsonChild(SERVER_CORE, `${here}lib/inproc.mjs`, [
      library,
      String(PLAN.inprocSeconds),
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

async function coldPhase() {
  log(`Cold start: ${PLAN.coldRuns} fresh processes per library`)
  const prepared = await coldPrep()
  const runs = new Map(prepared.map((p) => [p.library, []]))
  for (let run = 0; run < PLAN.coldRuns; run += 1) {
    for (const { library, db, sqliteFile, cookie } of prepared) {
      const result = await runJsonChild(
        SERVER_CORE,
        `${here}lib/cold.mjs`,
        [library, db, sqliteFile],
        {
          BENCH_COOKIE: cookie,
        },
      )
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
      processMs: median(runs.get(library).map((r) => r.sinceProcessStart)),
    }
  })
}

async function bundlePhase() {
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

async function profilePhase(targets) {
  const dir = `${WORK}profiles/`
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const summaries = []
  for (const { db, name } of targets) {
    const sqliteFile = db === 'sqlite' ? `${WORK}profile.sqlite` : ''
    if (sqliteFile)
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true })
    const sub = `${dir}${db}/`
    mkdirSync(sub)
    const server = await startServerProcess('gatehouse', db, sqliteFile, [
      '--cpu-prof',
      `--cpu-prof-dir=${sub}`,
    ])
    try {
      const cookie = await signIn('gatehouse', server.origin, server.sessionPath, db)
      await runLoad({
        origin: server.origin,
        path: server.sessionPath,
        cookie,
        duration: PLAN.duration,
        connections: PLAN.connections,
      })
    } finally {
      await stopServerProcess(server)
    }
    const file = readdirSync(sub)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => sub + f)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
    summaries.push({ name, file, top: file ? topSelfTime(file, 20) : [] })
  }
  return summaries
}

function byLibrary(rows, library, db) {
  return rows?.find((row) => row.library === library && (db === undefined || row.db === db))
}

function report(results, notes) {
  const sections = []
  const { http, db, inproc, cold, bundle, profiles } = results

  if (http) {
    const g = byLibrary(http, 'gatehouse')
    sections.push(
      `### HTTP: GET session, JWT (medians of ${PLAN.rounds} x ${PLAN.duration} s, ${PLAN.connections} connections)\n\n` +
        table(
          [
            'server',
            'req/s',
            'p50 ms',
            'p99 ms',
            'CPU us/req',
            'RSS MiB',
            'checked',
            'failures',
            'Gatehouse req/s ÷',
            'Gatehouse CPU/req ÷',
          ],
          http.map((r) => [
            r.name,
            fmt(r.rps),
            fmt(r.p50, 1),
            fmt(r.p99, 1),
            fmt(r.cpuPerRequest),
            fmt(r.rss, 1),
            fmt(r.checked),
            fmt(r.failures),
            ratio(g.rps / r.rps),
            ratio(g.cpuPerRequest / r.cpuPerRequest),
          ]),
        ),
    )
  }
  if (db) {
    sections.push(
      `### Database sessions: GET session (medians of ${PLAN.dbRounds} x ${PLAN.duration} s, ${PLAN.connections} connections)\n\n` +
        table(
          [
            'library / database',
            'req/s',
            'p50 ms',
            'p99 ms',
            'CPU us/req',
            'SQL per check',
            'RSS MiB',
            'failures',
            'Gatehouse req/s ÷',
          ],
          db.map((r) => {
            const g = byLibrary(db, 'gatehouse', r.db)
            return [
              r.name,
              fmt(r.rps),
              fmt(r.p50, 1),
              fmt(r.p99, 1),
              fmt(r.cpuPerRequest),
              fmt(r.statementsPerRequest, 2),
              fmt(r.rss, 1),
              fmt(r.failures),
              ratio(g ? g.rps / r.rps : NaN),
            ]
          }),
        ),
    )
  }
  if (inproc) {
    const g = byLibrary(inproc, 'gatehouse')
    sections.push(
      `### In-process session read on a prepared request (sequential, ${PLAN.inprocSeconds} s each)\n\n` +
        table(
          ['library (call)', 'ops/s', 'us/op', 'failures', 'Gatehouse ops/s ÷'],
          inproc.map((r) => [
            r.name,
            fmt(r.opsPerSec),
            fmt(1e6 / r.opsPerSec, 1),
            fmt(r.failures),
            ratio(g.opsPerSec / r.opsPerSec),
          ]),
        ),
    )
  }
  if (bundle) {
    const g = byLibrary(bundle, 'gatehouse')
    sections.push(
      '### Client bundle (SessionProvider, useSession, signIn, signOut; esbuild, browser, minified, React external)\n\n' +
        table(
          ['package', 'min bytes', 'min+gzip bytes', 'Gatehouse gzip ÷'],
          bundle.map((r) => [r.name, fmt(r.min), fmt(r.gzip), ratio(g?.gzip / r.gzip)]),
        ),
    )
  }
  if (cold) {
    const g = byLibrary(cold, 'gatehouse')
    sections.push(
      `### Cold start: import the server entry and answer the first session request (${PLAN.coldRuns} fresh processes)\n\n` +
        table(
          ['server', 'median ms', 'min ms', 'max ms', 'process start to answer ms', 'Gatehouse ÷'],
          cold.map((r) => [
            r.name,
            fmt(r.ms, 1),
            fmt(r.min, 1),
            fmt(r.max, 1),
            fmt(r.processMs, 1),
            ratio(g.ms / r.ms),
          ]),
        ),
    )
  }

  const targets = []
  const bare = byLibrary(http, 'bare')
  const gHttp = byLibrary(http, 'gatehouse')
  if (bare && gHttp) {
    const cpu = gHttp.cpuPerRequest / bare.cpuPerRequest
    const rps = gHttp.rps / bare.rps
    targets.push(['JWT session CPU/req <= 2x bare', ratio(cpu), cpu <= 2])
    targets.push(['JWT session req/s >= 0.5x bare', ratio(rps), rps >= 0.5])
  }
  const gSql = byLibrary(db, 'gatehouse', 'sqlite')
  const aSql = byLibrary(db, 'authjs', 'sqlite')
  if (gSql && aSql) {
    const rps = gSql.rps / aSql.rps
    targets.push(['SQLite database session req/s >= 5x @auth/core', ratio(rps), rps >= 5])
    targets.push([
      'SQLite: one SQL statement per check',
      fmt(gSql.statementsPerRequest, 2),
      gSql.statementsPerRequest <= 1.001,
    ])
  }
  const gBundle = byLibrary(bundle, 'gatehouse')
  const nBundle = byLibrary(bundle, 'next-auth')
  if (gBundle?.gzip && nBundle) {
    const share = gBundle.gzip / nBundle.gzip
    targets.push([
      'client bundle <= 50% of next-auth/react',
      `${(share * 100).toFixed(0)}%`,
      share <= 0.5,
    ])
  }
  const gCold = byLibrary(cold, 'gatehouse')
  const nCold = byLibrary(cold, 'next-auth')
  if (gCold && nCold) {
    const share = gCold.ms / nCold.ms
    targets.push(['cold start <= 50% of next-auth', `${(share * 100).toFixed(0)}%`, share <= 0.5])
  }
  if (targets.length > 0) {
    sections.push(
      '### Targets (ratios within this run)\n\n' +
        table(
          ['target', 'measured', 'met'],
          targets.map(([t, m, ok]) => [t, m, ok ? 'yes' : '**no**']),
        ),
    )
  }
  if (profiles) {
    for (const p of profiles) {
      sections.push(
        `### Profile: Gatehouse server, ${p.name} (self time, share of samples)\n\n` +
          table(
            ['function', 'self'],
            p.top.map((f) => [`\`${f.name}\``, `${(f.share * 100).toFixed(1)}%`]),
          ),
      )
    }
  }
  for (const row of [...(http ?? []), ...(db ?? [])]) {
    if (row.sample)
      notes.push(
        `${row.name}: ${fmt(row.failures)} failed checks; first: \`${row.sample.replace(/`/g, "'")}\``,
      )
  }
  if (notes.length > 0) sections.push(notes.map((n) => `- ${n}`).join('\n'))
  return { text: sections.join('\n\n'), missed: targets.filter(([, , ok]) => !ok).map(([t]) => t) }
}

async function main() {
  mkdirSync(WORK, { recursive: true })
  const startMachine = machine()
  const notes = []
  log(`Building Gatehouse from src/ (${(await buildGatehouse()).join(', ')})`)

  const results = {}
  if (wants('http')) results.http = await httpPhase()
  if (wants('db')) results.db = await dbPhase(notes)
  if (wants('inproc')) results.inproc = await inprocPhase()
  if (wants('cold')) results.cold = await coldPhase()
  if (wants('bundle')) {
    results.bundle = await bundlePhase()
    if (!byLibrary(results.bundle, 'gatehouse')?.gzip)
      notes.push('gatehouse/react not measured: src/react/index.ts is missing.')
  }

  let { text, missed } = report(results, notes)
  const serverMissed = missed.some((t) => /JWT|SQLite/.test(t))
  if (args.includes('--profile') || (serverMissed && !quick)) {
    log('Profiling the Gatehouse server under load (--cpu-prof)')
    const targets = [{ db: 'memory', name: 'JWT' }]
    if (results.db?.some((r) => r.library === 'gatehouse') || args.includes('--profile'))
      targets.push({ db: 'sqlite', name: 'database / SQLite' })
    results.profiles = await profilePhase(targets)
    ;({ text } = report(results, notes))
  }

  const endMachine = machine()
  const v = versions()
  const header = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${startMachine.nproc} cores, ${startMachine.cpu}, Node.js ${startMachine.node}; ` +
      `loadavg ${startMachine.loadavg} at start, ${endMachine.loadavg} at end. ` +
      `Server pinned to core ${SERVER_CORE}, load generator to core 0.`,
    `Versions: ${Object.entries(v)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
  ].join('\n')
  const entry = `${header}\n\n${text}\n`
  process.stdout.write(`\n${entry}`)
  if (record) {
    appendFileSync(`${here}RESULTS.md`, `\n${entry}`)
    log('Appended to bench/RESULTS.md')
  }
}

await main()
