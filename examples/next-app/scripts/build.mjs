/**
 * Builds the demo with `next build` unless the last build is still current: a fingerprint of
 * every source file the demo compiles (its own files and the repository's `src/`) is kept in
 * `.next/gatehouse-fingerprint`, so a test run or `npm start` builds at most once per change.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const repositoryRoot = path.resolve(appDir, '..', '..')
export const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')

const skipped = new Set(['node_modules', '.next', '.data', 'test-results'])

/** Every file under `dir` that a build reads, with its size and modification time. */
function listFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) listFiles(file, out)
    else if (!entry.name.endsWith('.test.ts') && !entry.name.endsWith('.test.tsx')) out.push(file)
  }
  return out
}

/** A hash of the demo's and the library's sources, and of the Next.js version. */
export function sourceFingerprint() {
  const hash = createHash('sha256')
  hash.update(
    JSON.parse(readFileSync(createRequire(import.meta.url).resolve('next/package.json'), 'utf8'))
      .version,
  )
  for (const file of [
    ...listFiles(appDir),
    ...listFiles(path.join(repositoryRoot, 'src')),
  ].sort()) {
    const { size, mtimeMs } = statSync(file)
    hash.update(`${path.relative(repositoryRoot, file)}:${size}:${mtimeMs}\n`)
  }
  return hash.digest('hex')
}

const fingerprintFile = path.join(appDir, '.next', 'gatehouse-fingerprint')

/** Whether `.next/` holds a production build of exactly the current sources. */
export function buildIsCurrent() {
  if (!existsSync(path.join(appDir, '.next', 'BUILD_ID')) || !existsSync(fingerprintFile))
    return false
  return readFileSync(fingerprintFile, 'utf8') === sourceFingerprint()
}

/** Runs `next build` in `appDir`; rejects if it fails. */
function runNextBuild() {
  return new Promise((resolve, reject) => {
    // Webpack, not Turbopack: the library's sources import `./x.js` for `x.ts`, which only
    // webpack's extensionAlias maps (see next.config.ts).
    const child = spawn(process.execPath, [nextBin, 'build', '--webpack'], {
      cwd: appDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`)),
    )
  })
}

/**
 * Holds a lock while `task` runs, so that two test files (or a test run and `npm start`) never
 * build into the same `.next/` at once: the second waits, then finds the build current.
 */
async function withBuildLock(task) {
  const lock = path.join(
    tmpdir(),
    `gatehouse-demo-build-${createHash('sha256').update(appDir).digest('hex').slice(0, 12)}`,
  )
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
      // A lock older than a build can take was left by a process that died.
      if (Date.now() - statSync(lock).mtimeMs > 15 * 60 * 1000)
        rmSync(lock, { recursive: true, force: true })
      else await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    return await task()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Runs `next build` when needed. Resolves once `.next/` is current; rejects if the build fails. */
export async function ensureBuild({ log = console.log, force = false } = {}) {
  await withBuildLock(async () => {
    if (!force && buildIsCurrent()) {
      log('[demo] the build in .next/ is current; not building again')
      return
    }
    const fingerprint = sourceFingerprint()
    log('[demo] building the demo with next build (about a minute)…')
    await runNextBuild()
    writeFileSync(fingerprintFile, fingerprint)
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuild({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error.message)
    process.exit(1)
  })
}
