/**
 * `npm start`: builds the demo if needed, starts the dev OpenID provider and SMTP server on
 * loopback, then `next start` on http://localhost:3000 (or $PORT), and says how to sign in.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { appDir, ensureBuild, nextBin } from './build.mjs'
import { startDevServices } from './dev-services.mjs'

const port = Number(process.env.PORT ?? 3000)
const appUrl = `http://localhost:${port}`
const dataDir = process.env.DEMO_DATA_DIR ?? path.join(appDir, '.data')

/** The session secret: NEXTAUTH_SECRET, or one generated on first start and kept in .data/. */
function sessionSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET
  const file = path.join(dataDir, 'secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
  }
  return readFileSync(file, 'utf8').trim()
}

await ensureBuild()
const services = await startDevServices({ appUrl, dataDir })

const server = spawn(process.execPath, [nextBin, 'start', '--port', String(port)], {
  cwd: appDir,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    ...services.env,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
    NEXTAUTH_SECRET: sessionSecret(),
    DEMO_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  },
})

console.log(`
  Gatehouse demo: ${appUrl}

  Sign in at ${appUrl}/login with
    alice@example.com / alice-password   (role: user)
    admin@example.com / admin-password   (role: admin, may open /admin)
  or ask for a magic link: it arrives in ${appUrl}/dev/mailbox
  or continue with the dev OpenID provider (${services.env.DEMO_OIDC_ISSUER}): any login name, any password.
  ${process.env.DATABASE_URL ? 'Database: PostgreSQL from DATABASE_URL' : `Database: embedded, in ${dataDir}`}
`)

async function stop(code = 0) {
  server.kill('SIGTERM')
  await services.close()
  process.exit(code)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
server.on('exit', (code) => void stop(code ?? 0))
