import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { NextConfig } from 'next'

const here = path.dirname(fileURLToPath(import.meta.url))
const repositoryRoot = path.join(here, '..', '..')

/**
 * The demo compiles Gatehouse from the repository's `src/` (see tsconfig.json `paths`), so the
 * Turbopack root is the repository: files outside the root would not resolve.
 */
const nextConfig: NextConfig = {
  turbopack: { root: repositoryRoot },
  outputFileTracingRoot: repositoryRoot,
  // Native and driver modules are loaded by Node, not bundled.
  serverExternalPackages: ['better-sqlite3', 'pg', 'nodemailer'],
  // Type-checking is `npx tsc -p examples/next-app`, kept out of the build so that it stays fast.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  experimental: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
}

export default nextConfig
