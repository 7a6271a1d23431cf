/**
 * Client bundle size: each entry under bench/bundle/ (an app importing SessionProvider,
 * useSession, signIn and signOut, or better-auth's equivalents) bundled with esbuild for the
 * browser, minified, React left out as every app already ships it; bytes raw and gzip -9.
 * `gatehouse/react` resolves to src/react.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))
const gatehouseReact = `${root}src/react/index.ts`

const fromSource = {
  name: 'gatehouse-from-source',
  setup(build) {
    build.onResolve({ filter: /^gatehouse\/react$/ }, () => ({ path: gatehouseReact }))
  },
}

/** min and min+gzip bytes of the client entry of `library`, or null when it cannot be built. */
export async function bundleSize(library) {
  if (library === 'gatehouse' && !existsSync(gatehouseReact)) return null
  const result = await esbuild.build({
    entryPoints: [`${root}bench/bundle/${library}.jsx`],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [fromSource],
    logLevel: 'error',
  })
  const code = result.outputFiles[0].contents
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length }
}
