/**
 * The demo app's tRPC `user` router (examples/next-app/lib/trpc/server.ts) with the demo's own
 * auth options and database (SQLite in a temporary folder), bundled as Next.js would resolve
 * it and served through the tRPC fetch adapter on 127.0.0.1. Users sign in with the demo's
 * seeded credentials through the engine.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client'
import type { AnyTRPCRouter } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthOptions } from '../../src/core/types.js'
import { Browser, close, listen, send, webRequest } from './express-harness.js'

const repo = resolve(import.meta.dirname, '../..')
const demo = join(repo, 'examples/next-app')
const workDir = join(repo, 'node_modules/.cache', `gatehouse-trpc-demo-${randomUUID()}`)
const dataDir = mkdtempSync(join(tmpdir(), 'gh-trpc-demo-'))

interface DemoServer {
  appRouter: AnyTRPCRouter
  createTRPCContext: (options: { req: Request; resHeaders: Headers }) => Promise<object>
  authOptions: AuthOptions
  Auth: (request: Request, options: AuthOptions) => Promise<Response>
}

/** How the demo resolves `@/...` and `gatehouse/...` (tsconfig paths), for esbuild. */
function resolveDemoSpecifier(specifier: string): string | undefined {
  const candidates = specifier.startsWith('@/')
    ? [join(demo, specifier.slice(2))]
    : specifier === 'gatehouse'
      ? [join(repo, 'src/index')]
      : [join(repo, 'src', specifier.slice('gatehouse/'.length))]
  for (const base of candidates) {
    for (const file of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
      if (existsSync(file)) return file
    }
  }
  return undefined
}

let demoServer: DemoServer
let server: Server
let origin: string

beforeAll(async () => {
  process.env.DEMO_DATA_DIR = dataDir
  process.env.DEMO_MIGRATIONS_DIR = join(repo, 'drizzle')
  process.env.NEXTAUTH_SECRET ??= 'the trpc demo test secret, long enough to use'

  mkdirSync(workDir, { recursive: true })
  const entry = join(workDir, 'entry.ts')
  writeFileSync(
    entry,
    [
      `export { appRouter, createTRPCContext } from '${join(demo, 'lib/trpc/server.ts')}'`,
      `export { authOptions } from '${join(demo, 'lib/auth.ts')}'`,
      `export { Auth } from '${join(repo, 'src/core/index.ts')}'`,
    ].join('\n'),
  )
  const bundle = join(workDir, 'bundle.mjs')
  await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    plugins: [
      {
        name: 'demo-specifiers',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^(@\/|gatehouse(\/|$))/ }, ({ path }) => {
            const file = resolveDemoSpecifier(path)
            return file ? { path: file } : undefined
          })
        },
      },
    ],
    logLevel: 'silent',
  })
  demoServer = (await import(pathToFileURL(bundle).href)) as DemoServer

  server = createServer((req, res) => {
    void (async () => {
      const request = await webRequest(req, origin)
      const response = new URL(request.url).pathname.startsWith('/api/auth/')
        ? await demoServer.Auth(request, demoServer.authOptions)
        : await fetchRequestHandler({
            endpoint: '/trpc/api',
            req: request,
            router: demoServer.appRouter,
            createContext: demoServer.createTRPCContext,
          })
      await send(res, response)
    })()
  })
  origin = await listen(server)
}, 120_000)

afterAll(async () => {
  await close(server)
  rmSync(workDir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

interface DemoClient {
  user: {
    getById: { query(input: { id: string }): Promise<unknown> }
    getCurrent: { query(): Promise<{ id: string; name: string | null; role: string } | null> }
    update: { mutate(input: Record<string, unknown>): Promise<{ name: string | null }> }
    delete: { mutate(input: { id: string }): Promise<{ deleted: boolean }> }
  }
}

function clientFor(browser: Browser): DemoClient {
  return createTRPCClient<AnyTRPCRouter>({
    links: [
      httpBatchLink({
        url: `${origin}/trpc/api`,
        headers: () => ({ cookie: browser.cookieHeader() }),
      }),
    ],
  }) as unknown as DemoClient
}

async function signIn(browser: Browser, email: string, password: string): Promise<void> {
  const csrfToken = await browser.csrfToken('/api/auth')
  const response = await browser.postForm('/api/auth/callback/credentials', {
    csrfToken,
    email,
    password,
    callbackUrl: '/',
  })
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).not.toContain('error=')
}

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (error: unknown) =>
      error instanceof TRPCClientError ? (error.data as { code?: string }).code : String(error),
  )

describe('the demo’s tRPC user router', () => {
  it('serves public, protected and admin procedures to the right people', async () => {
    const anonymous = new Browser(origin)
    const alice = new Browser(origin)
    const admin = new Browser(origin)
    await signIn(alice, 'alice@example.com', 'alice-password')
    await signIn(admin, 'admin@example.com', 'admin-password')

    expect(await codeOf(clientFor(anonymous).user.getCurrent.query())).toBe('UNAUTHORIZED')
    const me = await clientFor(alice).user.getCurrent.query()
    expect(me).toMatchObject({ name: 'Alice', email: 'alice@example.com', role: 'user' })
    const aliceId = me!.id

    // Public lookups show the public fields only.
    expect(await clientFor(anonymous).user.getById.query({ id: aliceId })).toEqual({
      id: aliceId,
      name: 'Alice',
      image: null,
    })

    // Updates are validated; the role cannot be changed through them.
    expect(await clientFor(alice).user.update.mutate({ name: 'Alice L.' })).toMatchObject({
      name: 'Alice L.',
    })
    expect(await codeOf(clientFor(alice).user.update.mutate({ name: '   ' }))).toBe('BAD_REQUEST')
    await clientFor(alice).user.update.mutate({ role: 'admin' } as never)
    expect(await clientFor(alice).user.getCurrent.query()).toMatchObject({ role: 'user' })

    // Admin only.
    expect(await codeOf(clientFor(anonymous).user.delete.mutate({ id: aliceId }))).toBe(
      'UNAUTHORIZED',
    )
    expect(await codeOf(clientFor(alice).user.delete.mutate({ id: aliceId }))).toBe('FORBIDDEN')
    const adminId = (await clientFor(admin).user.getCurrent.query())!.id
    expect(await clientFor(admin).user.delete.mutate({ id: adminId })).toEqual({ deleted: false })
    expect(await clientFor(admin).user.delete.mutate({ id: aliceId })).toEqual({ deleted: true })
    expect(await clientFor(anonymous).user.getById.query({ id: aliceId })).toBeNull()
  })
})
