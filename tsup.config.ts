import { existsSync } from 'node:fs'
import { defineConfig } from 'tsup'

/**
 * Every public entry of the package, keyed by its path under `dist/`. An entry whose source file
 * does not exist yet is left out, so the build never ships a placeholder.
 */
const entries: Record<string, string> = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  jwt: 'src/jwt/index.ts',
  react: 'src/react/index.ts',
  next: 'src/next/index.ts',
  middleware: 'src/next/middleware.ts',
  express: 'src/express/index.ts',
  node: 'src/node/index.ts',
  trpc: 'src/trpc/index.ts',
  'react-query': 'src/react-query/index.ts',
  'adapters/memory': 'src/adapters/memory.ts',
  'adapters/prisma': 'src/adapters/prisma.ts',
  'adapters/drizzle': 'src/adapters/drizzle/index.ts',
  'adapters/drizzle/pg': 'src/adapters/drizzle/pg-schema.ts',
  'adapters/drizzle/mysql': 'src/adapters/drizzle/mysql-schema.ts',
  'adapters/drizzle/sqlite': 'src/adapters/drizzle/sqlite-schema.ts',
  'adapters/redis': 'src/adapters/redis.ts',
  'providers/credentials': 'src/providers/credentials.ts',
  'providers/email': 'src/providers/email.ts',
  'providers/oauth': 'src/providers/oauth.ts',
  'cli/index': 'src/cli/index.ts',
}

const presets = [
  'google',
  'github',
  'gitlab',
  'discord',
  'microsoft-entra-id',
  'apple',
  'auth0',
  'okta',
  'keycloak',
  'cognito',
  'facebook',
  'twitter',
  'linkedin',
  'slack',
  'twitch',
  'spotify',
  'reddit',
  'zoom',
  'notion',
  'zitadel',
  'authentik',
  'dropbox',
  'atlassian',
  'bitbucket',
  'battlenet',
  'box',
  'salesforce',
  'yandex',
  'strava',
  'mailchimp',
  'line',
  'kakao',
  'naver',
  'vk',
  'osu',
  'patreon',
  'pinterest',
  'tiktok',
  'wordpress',
  'hubspot',
]
for (const name of presets) entries[`providers/${name}`] = `src/providers/${name}.ts`

/** Client entries: they must keep `'use client'` and share one module for the session context. */
const clientEntries = new Set(['react', 'react-query'])
const existing = Object.entries(entries).filter(([, file]) => existsSync(file))

const common = {
  format: ['esm' as const],
  dts: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  // `npm run build` empties dist/ once; two configs cleaning it would race.
  clean: false,
  external: [/^[^./]/],
}

export default defineConfig([
  {
    ...common,
    entry: Object.fromEntries(existing.filter(([name]) => !clientEntries.has(name))),
    treeshake: true,
  },
  {
    ...common,
    entry: Object.fromEntries(existing.filter(([name]) => clientEntries.has(name))),
    target: 'es2022',
    platform: 'browser',
    banner: { js: "'use client'" },
    // Rollup's tree-shaking pass would strip the directive.
    treeshake: false,
  },
])
