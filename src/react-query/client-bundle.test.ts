/**
 * `gatehouse/react-query` is client code: bundled for the browser it must pull in no Node
 * module, no crypto and none of the engine, only `gatehouse/react`'s fetch calls.
 */
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

describe('the gatehouse/react-query browser bundle', () => {
  it('contains no server module, no crypto and no engine code', async () => {
    const result = await build({
      entryPoints: ['src/react-query/index.ts'],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      external: ['react', 'react-dom', '@tanstack/react-query'],
      logLevel: 'silent',
    })

    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.filter((file) => file.startsWith('node_modules/'))).toEqual([])
    const engine = inputs.filter(
      (file) => file.startsWith('src/core/') && file !== 'src/core/errors.ts',
    )
    expect(engine).toEqual([])
    expect(inputs.some((file) => file.startsWith('src/react/'))).toBe(true)

    const code = result.outputFiles[0]?.text ?? ''
    expect(code).not.toMatch(/from ["']node:|require\(["']node:|["']crypto["']|createHash|subtle\./)
    expect(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]!]?.imports).toEqual(
      expect.not.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^node:/) }),
      ]),
    )
  })
})
