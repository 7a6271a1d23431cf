/**
 * The demo's tRPC pages in Chromium against the built demo (`next start`): /trpc calls the
 * user router signed out and signed in (public lookup, protected "me", admin-only delete), and
 * /trpc/profile renames optimistically, then rolls back a rename the server refuses.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error -- plain ESM scripts of the demo, without type declarations
import { appDir, ensureBuild, nextBin } from '../../examples/next-app/scripts/build.mjs'

const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
]

let workDir: string
let appUrl: string
let server: ChildProcess
let browser: Browser

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'gh-trpc-pages-'))
  await ensureBuild({ log: () => {} })

  const port = await freePort()
  appUrl = `http://localhost:${port}`
  server = spawn(
    process.execPath,
    [nextBin, 'start', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: appDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NEXTAUTH_URL: appUrl,
        NEXTAUTH_SECRET: 'gatehouse-trpc-pages-secret-0123456789abcdef',
        DEMO_DATA_DIR: path.join(workDir, 'data'),
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
  )
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`)
    const up = await fetch(`http://127.0.0.1:${port}/api/auth/providers`).then(
      (response) => response.ok,
      () => false,
    )
    if (up) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  const home = path.join(workDir, 'browser')
  mkdirSync(home, { recursive: true })
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: chromiumFlags,
    env: { ...process.env, HOME: home, TMPDIR: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
  })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  server?.kill('SIGTERM')
  rmSync(workDir, { recursive: true, force: true })
})

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${appUrl}/login`)
  await page.fill('input[name=email]', email)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

const textOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .textContent()
    .then((text) => text?.replace(/\s+/g, ' ').trim())

describe('the demo’s tRPC pages', () => {
  it('/trpc: protected query idle signed out; as a user, lookup works and delete is FORBIDDEN', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${appUrl}/trpc`)
    expect(await textOf(page, 'trpc-me')).toBe('Signed out: the query does not run.')

    await signIn(page, 'alice@example.com', 'alice-password')
    await page.goto(`${appUrl}/trpc`)
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=trpc-me]')?.textContent?.includes('alice@example.com'),
    )
    expect(await textOf(page, 'trpc-me')).toContain('role user')

    await page.click('form >> nth=0 >> button')
    await page.getByTestId('trpc-lookup').waitFor()
    const lookup = JSON.parse((await page.getByTestId('trpc-lookup').textContent()) ?? '{}')
    expect(Object.keys(lookup).sort()).toEqual(['id', 'image', 'name'])
    expect(lookup.name).toBe('Alice')

    await page.fill('form >> nth=1 >> input', lookup.id)
    await page.click('form >> nth=1 >> button')
    await page.getByTestId('trpc-delete').waitFor()
    expect(await textOf(page, 'trpc-delete')).toBe('Error: FORBIDDEN')
    await context.close()
  })

  it('/trpc/profile: shows a rename at once and rolls back one the server refuses', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, 'alice@example.com', 'alice-password')
    await page.goto(`${appUrl}/trpc/profile`)
    await page.waitForFunction(
      () => document.querySelector('[data-testid=optimistic-name]')?.textContent === 'Alice',
    )
    // Record every name the page shows, to see the optimistic value come and go.
    await page.evaluate(() => {
      const shown: string[] = []
      Object.assign(window, { shownNames: shown })
      const element = document.querySelector('[data-testid=optimistic-name]')!
      new MutationObserver(() => shown.push(element.textContent ?? '')).observe(element, {
        childList: true,
        characterData: true,
        subtree: true,
      })
    })
    const shownNames = () =>
      page.evaluate(() => (window as unknown as { shownNames: string[] }).shownNames)

    await page.fill('input[name=name]', 'Alice Liddell')
    await page.click('button[type=submit]')
    await page.waitForFunction(
      () => document.querySelector('[data-testid=optimistic-status]')?.textContent === 'success',
    )
    expect(await textOf(page, 'optimistic-name')).toBe('Alice Liddell')

    await page.evaluate(
      () => ((window as unknown as { shownNames: string[] }).shownNames.length = 0),
    )
    await page.fill('input[name=name]', '   ')
    await page.click('button[type=submit]')
    await page.getByTestId('optimistic-error').waitFor()
    expect(await textOf(page, 'optimistic-error')).toBe('Rolled back: A name cannot be empty.')
    expect(await textOf(page, 'optimistic-name')).toBe('Alice Liddell')
    expect(await shownNames()).toContain('   ')

    // The server kept the last accepted name.
    await page.reload()
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=optimistic-name]')?.textContent === 'Alice Liddell',
    )
    await context.close()
  })
})
