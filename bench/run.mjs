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
import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildGatehouse } from './lib/build.mjs'
import {
  bundlePhase,
  coldPhase,
  dbPhase,
  httpPhase,
  inprocPhase,
  profilePhase,
} from './lib/phases.mjs'
import { SERVER_CORE } from './lib/proc.mjs'
import { byLibrary, report } from './lib/report.mjs'

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

/** Durations in seconds; the full run takes about five minutes, the quick one about two. */
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

/** The commit measured, marked `+changes` when src/ differs from it. */
function revision() {
  try {
    const git = (...argv) =>
      execFileSync('git', argv, { cwd: `${here}..`, encoding: 'utf8' }).trim()
    const dirty = git('status', '--porcelain', '--', 'src') !== ''
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+changes' : ''}`
  } catch {
    return 'unknown'
  }
}

/** Samples the one-minute load average every 5 s while the run lasts. */
function sampleLoad() {
  const samples = [os.loadavg()[0]]
  const timer = setInterval(() => samples.push(os.loadavg()[0]), 5000)
  timer.unref()
  return () => {
    clearInterval(timer)
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length
    return `min ${Math.min(...samples).toFixed(2)}, mean ${mean.toFixed(2)}, max ${Math.max(...samples).toFixed(2)}`
  }
}

async function main() {
  mkdirSync(WORK, { recursive: true })
  const startMachine = machine()
  const stopSampling = sampleLoad()
  const notes = []
  log(`Building Gatehouse from src/ (${(await buildGatehouse()).join(', ')})`)

  const results = {}
  if (wants('http')) results.http = await httpPhase(PLAN)
  if (wants('db')) results.db = await dbPhase(PLAN, notes)
  if (wants('inproc')) results.inproc = await inprocPhase(PLAN)
  if (wants('cold')) results.cold = await coldPhase(PLAN)
  if (wants('bundle')) {
    results.bundle = await bundlePhase()
    if (!byLibrary(results.bundle, 'gatehouse')?.gzip)
      notes.push('gatehouse/react not measured: src/react/index.ts is missing.')
  }

  let { text, missed } = report(PLAN, results, notes)
  const serverMissed = missed.some((t) => /JWT|SQLite/.test(t))
  if (args.includes('--profile') || (serverMissed && !quick)) {
    log('Profiling the Gatehouse server under load')
    const targets = [{ db: 'memory', name: 'JWT' }]
    if (results.db?.some((r) => r.library === 'gatehouse') || args.includes('--profile'))
      targets.push({ db: 'sqlite', name: 'database / SQLite' })
    results.profiles = await profilePhase(PLAN, targets)
    ;({ text } = report(PLAN, results, notes))
  }

  const endMachine = machine()
  const load = stopSampling()
  const v = versions()
  const header = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${startMachine.nproc} cores, ${startMachine.cpu}, Node.js ${startMachine.node}; ` +
      `loadavg ${startMachine.loadavg} at start, ${endMachine.loadavg} at end ` +
      `(1-minute load sampled every 5 s: ${load}). ` +
      `Server pinned to core ${SERVER_CORE}, load generator to core 0. Gatehouse at ${revision()}.`,
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
  const failures = [...(results.http ?? []), ...(results.db ?? []), ...(results.inproc ?? [])]
    .map((row) => row.failures)
    .reduce((a, b) => a + b, 0)
  if (failures > 0) {
    log(`${failures} session checks failed; see the notes above.`)
    process.exitCode = 1
  }
}

await main()
