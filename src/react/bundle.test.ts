/**
 * The browser bundle of `gatehouse/react`: built with esbuild as an app's bundler would, it
 * must contain only client modules (no engine, no node: built-ins, no crypto) and stay small.
 */
import { gzipSync } from 'node:zlib'

import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

async function bundleClient() {
  const result = await build({
    entryPoints: ['src/react/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['react', 'react/jsx-runtime'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) }
}

describe('the gatehouse/react bundle', () => {
  it('contains client modules only', async () => {
    const { code, inputs } = await bundleClient()
    expect(inputs.length).toBeGreaterThan(3)
    for (const input of inputs) expect(input).toMatch(/^src\/react\/[a-z-]+\.tsx?$/)
    expect(inputs.some((input) => input.includes('fixture') || input.includes('.test.'))).toBe(
      false,
    )
    expect(code).not.toMatch(/node:|require\(|crypto|Buffer/)
    expect(code).toContain('gatehouse.session')
  })

  it('stays under 4 KB minified and gzipped', async () => {
    const { code } = await bundleClient()
    const gzipped = gzipSync(code, { level: 9 }).length
    console.info(`gatehouse/react: ${code.length} B minified, ${gzipped} B min+gzip`)
    expect(gzipped).toBeLessThan(4096)
  })
})
