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
  trpc: 'src/trpc/index.ts',
  'react-query': 'src/react-query/index.ts',
  'adapters/memory': 'src/adapters/memory.ts',
  'adapters/prisma': 'src/adapters/prisma.ts',
  'adapters/drizzle': 'src/adapters/drizzle/index.ts',
  'adapters/redis': 'src/adapters/redis.ts',
  'providers/credentials': 'src/providers/credentials.ts',
  'providers/email': 'src/providers/email.ts',
  'providers/oauth': 'src/providers/oauth.ts',
  'cli/index': 'src/cli/index.ts',
}

const presets = [
  'google', 'github', 'gitlab', 'discord', 'microsoft-entra-id', 'apple', 'auth0', 'okta',
  'keycloak', 'cognito', 'facebook', 'twitter', 'linkedin', 'slack', 'twitch', 'spotify',
  'reddit', 'zoom', 'notion', 'zitadel', 'authentik', 'dropbox', 'atlassian', 'bitbucket',
  'battlenet', 'box', 'salesforce', 'yandex', 'strava', 'mailchimp', 'line', 'kakao', 'naver',
  'vk', 'osu', 'patreon', 'pinterest', 'tiktok', 'wordpress', 'hubspot',
]
for (const name of presets) entries[`providers/${name}`] = `src/providers/${name}.ts`

export default defineConfig({
  entry: Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file))),
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  external: [/^[^./]/],
})
