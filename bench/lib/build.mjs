/**
 * Builds the Gatehouse entries the benchmark loads from src/ into bench/.work/build with
 * esbuild, with the settings of the package build (ESM, node20, code splitting, dependencies
 * left external), so what is measured is what the package ships.
 */
import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))
export const BUILD_DIR = fileURLToPath(new URL('../.work/build/', import.meta.url))

const ENTRIES = {
  core: 'src/core/index.ts',
  node: 'src/node/index.ts',
  jwt: 'src/jwt/index.ts',
  'providers/credentials': 'src/providers/credentials.ts',
  'adapters/drizzle': 'src/adapters/drizzle/index.ts',
}

/** Builds what exists and returns the entries built. */
export async function buildGatehouse() {
  const entryPoints = Object.fromEntries(
    Object.entries(ENTRIES)
      .filter(([, file]) => existsSync(root + file))
      .map(([name, file]) => [name, root + file]),
  )
  // A fresh folder, so chunks of earlier builds do not pile up.
  rmSync(BUILD_DIR, { recursive: true, force: true })
  await esbuild.build({
    entryPoints,
    outdir: BUILD_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'error',
  })
  return Object.keys(entryPoints)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${(await buildGatehouse()).join(', ')} into ${BUILD_DIR}`)
}
