/**
 * The tRPC section of the NextAuth.js integration guide, with gatehouse specifiers: its
 * `context.ts` (with `getServerSession(authOptions)` replaced by `getSession(req, authOptions)`
 * from `gatehouse/trpc`, since a fetch-adapter context gets the request), its `trpc.ts` with
 * `isAuthed`/`isAdmin` unchanged, and its user router unchanged but for importing `db`.
 *
 * The files are written as an app would have them, type-checked as their own program (with the
 * app's `declare module 'gatehouse'` augmentation, which must not leak into this repository's
 * program), bundled, and served through the tRPC fetch adapter on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client'
import type { AnyTRPCRouter } from '@trpc/server'
import { fetchRequestHandler } from '@trpc/server/adapters/fetch'
import { build } from 'esbuild'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Auth } from '../../src/core/index.js'
import type { AuthOptions } from '../../src/core/types.js'
import { Browser, close, listen, send, webRequest } from './express-harness.js'

const repo = resolve(import.meta.dirname, '../..')
const app = join(repo, 'node_modules/.cache', `gatehouse-trpc-guide-${randomUUID()}`)

/** The app's files, as a NextAuth.js app has them after changing the specifiers. */
const files: Record<string, string> = {
  'types/gatehouse.d.ts': `
import type { DefaultSession } from 'gatehouse'

declare module 'gatehouse' {
  interface Session {
    user: { id: string; role: 'USER' | 'ADMIN' } & DefaultSession['user']
  }
}
`,
  'app/api/auth/[...nextauth]/route.ts': `
import type { NextAuthOptions } from 'gatehouse'
import { peopleOptions } from '@/test-harness'

export const authOptions: NextAuthOptions = peopleOptions()
`,
  'test-harness.ts': `export { peopleOptions } from '${join(repo, 'test/e2e/express-harness.ts')}'\n`,
  'lib/db.ts': `
import Database from 'better-sqlite3'

interface UserRow { id: string; name: string | null; email: string | null; image: string | null; bio: string | null }
type Select = Partial<Record<keyof UserRow, boolean>>

const sqlite = new Database(':memory:')
sqlite.exec('CREATE TABLE user (id TEXT PRIMARY KEY, name TEXT, email TEXT UNIQUE, image TEXT, bio TEXT)')
const insert = sqlite.prepare('INSERT INTO user (id, name, email, image, bio) VALUES (?, ?, ?, ?, ?)')
insert.run('user_ada', 'Ada', 'ada@example.test', null, 'Engines')
insert.run('user_grace', 'Grace', 'grace@example.test', null, 'Compilers')
insert.run('user_x', 'X', 'x@example.test', null, null)

const pick = (row: UserRow | undefined, select?: Select) =>
  row && select ? Object.fromEntries(Object.entries(row).filter(([k]) => select[k as keyof UserRow])) : (row ?? null)

/** A few Prisma-shaped calls over SQLite, enough for the guide's router. */
export const db = {
  user: {
    async findUnique({ where, select }: { where: { id: string }; select?: Select }) {
      return pick(sqlite.prepare('SELECT * FROM user WHERE id = ?').get(where.id) as UserRow | undefined, select)
    },
    async update({ where, data }: { where: { id: string }; data: { name?: string; bio?: string } }) {
      for (const [column, value] of Object.entries(data)) {
        if (column !== 'name' && column !== 'bio') throw new Error('unknown column')
        sqlite.prepare(\`UPDATE user SET \${column} = ? WHERE id = ?\`).run(value, where.id)
      }
      return sqlite.prepare('SELECT * FROM user WHERE id = ?').get(where.id) as UserRow
    },
    async delete({ where }: { where: { id: string } }) {
      const row = sqlite.prepare('SELECT * FROM user WHERE id = ?').get(where.id) as UserRow
      sqlite.prepare('DELETE FROM user WHERE id = ?').run(where.id)
      return row
    },
  },
}
`,
  // The guide's server/trpc/context.ts; the session is read from the request.
  'server/trpc/context.ts': `
import type { FetchCreateContextFnOptions } from '@trpc/server/adapters/fetch'
import { getSession } from 'gatehouse/trpc'
import { authOptions } from '@/app/api/auth/[...nextauth]/route'

export async function createContext({ req }: FetchCreateContextFnOptions) {
  const session = await getSession(req, authOptions)

  return {
    session,
  }
}

export type Context = Awaited<ReturnType<typeof createContext>>
`,
  // The guide's server/trpc/trpc.ts, unchanged.
  'server/trpc/trpc.ts': `
import { initTRPC, TRPCError } from '@trpc/server'
import { Context } from './context'

const t = initTRPC.context<Context>().create()

export const router = t.router
export const publicProcedure = t.procedure

// Middleware to check authentication
const isAuthed = t.middleware(({ ctx, next }) => {
  if (!ctx.session?.user) {
    throw new TRPCError({ code: 'UNAUTHORIZED' })
  }

  return next({
    ctx: {
      session: ctx.session,
    },
  })
})

// Protected procedure
export const protectedProcedure = t.procedure.use(isAuthed)

// Role-based procedure
const isAdmin = t.middleware(({ ctx, next }) => {
  if (!ctx.session?.user || ctx.session.user.role !== 'ADMIN') {
    throw new TRPCError({ code: 'FORBIDDEN' })
  }

  return next({
    ctx: {
      session: ctx.session,
    },
  })
})

export const adminProcedure = t.procedure.use(isAdmin)
`,
  // The guide's server/trpc/routers/user.ts, unchanged but for the import of db.
  'server/trpc/routers/user.ts': `
import { z } from 'zod'
import { router, publicProcedure, protectedProcedure, adminProcedure } from '../trpc'
import { db } from '@/lib/db'

export const userRouter = router({
  // Public endpoint
  getById: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(async ({ input }) => {
      return await db.user.findUnique({
        where: { id: input.id },
        select: { id: true, name: true, image: true },
      })
    }),

  // Protected endpoint
  getCurrent: protectedProcedure.query(async ({ ctx }) => {
    return await db.user.findUnique({
      where: { id: ctx.session.user.id },
    })
  }),

  // Update current user
  update: protectedProcedure
    .input(
      z.object({
        name: z.string().optional(),
        bio: z.string().optional(),
      })
    )
    .mutation(async ({ ctx, input }) => {
      return await db.user.update({
        where: { id: ctx.session.user.id },
        data: input,
      })
    }),

  // Admin-only endpoint
  delete: adminProcedure
    .input(z.object({ id: z.string() }))
    .mutation(async ({ input }) => {
      return await db.user.delete({
        where: { id: input.id },
      })
    }),
})
`,
  'server/trpc/index.ts': `
import { router } from './trpc'
import { userRouter } from './routers/user'

export const appRouter = router({ user: userRouter })
export type AppRouter = typeof appRouter
export { createContext } from './context'
export { authOptions } from '@/app/api/auth/[...nextauth]/route'
`,
  // Gatehouse's own middlewares under the same augmentation: roles are the app's role type.
  'server/trpc/gatehouse-procedures.ts': `
import { initTRPC } from '@trpc/server'
import { authed, createAuthProcedures, hasRole, type SessionContext } from 'gatehouse/trpc'

const t = initTRPC.context<SessionContext>().create()
const { protectedProcedure, roleProcedure } = createAuthProcedures(t)

export const whoami = protectedProcedure.query(({ ctx }) => {
  const role: 'USER' | 'ADMIN' = ctx.session.user.role
  const id: string = ctx.session.user.id
  return { role, id }
})
export const adminOnly = t.procedure.use(hasRole(t, 'ADMIN')).query(({ ctx }) => ctx.session.user.id)
export const staff = roleProcedure('USER', 'ADMIN').query(() => 'ok')
export const signedIn = t.procedure.use(authed(t)).query(({ ctx }) => ctx.session.user.email)
`,
  // Must not compile: 'ADMNI' is not one of the app's roles.
  'server/trpc/wrong-role.ts': `
import { initTRPC } from '@trpc/server'
import { hasRole, type SessionContext } from 'gatehouse/trpc'

const t = initTRPC.context<SessionContext>().create()
export const typo = t.procedure.use(hasRole(t, 'ADMNI'))
`,
  // The Express guards under the same augmentation; the second call must not compile.
  'server/express-guards.ts': `
import { requireRole } from 'gatehouse/express'
import { authOptions } from '@/app/api/auth/[...nextauth]/route'

export const admins = requireRole(authOptions, 'ADMIN')
export const typo = requireRole(authOptions, 'ADMNI')
`,
  // A file that must not compile: the guide's types say ctx.session.user is non-null only
  // after isAuthed. This proves the check below sees real type errors.
  'server/trpc/unprotected.ts': `
import { publicProcedure } from './trpc'

export const leaky = publicProcedure.query(({ ctx }) => ctx.session.user.id)
`,
}

interface GuideServer {
  appRouter: AnyTRPCRouter
  createContext: (options: { req: Request; resHeaders: Headers }) => Promise<object>
  authOptions: AuthOptions
}

let guide: GuideServer
let server: Server
let origin: string

beforeAll(async () => {
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true })
    writeFileSync(join(app, path), source.trimStart())
  }

  const bundle = join(app, 'bundle.mjs')
  await build({
    entryPoints: [join(app, 'server/trpc/index.ts')],
    outfile: bundle,
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    plugins: [
      {
        name: 'app-specifiers',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^gatehouse\/trpc$/ }, () => ({
            path: join(repo, 'src/trpc/index.ts'),
          }))
          esbuild.onResolve({ filter: /^@\// }, ({ path }) => ({
            path: `${join(app, path.slice(2))}.ts`,
          }))
        },
      },
    ],
    logLevel: 'silent',
  })
  guide = (await import(pathToFileURL(bundle).href)) as GuideServer

  server = createServer((req, res) => {
    void (async () => {
      const request = await webRequest(req, origin)
      const response = new URL(request.url).pathname.startsWith('/api/auth/')
        ? await Auth(request, guide.authOptions)
        : await fetchRequestHandler({
            endpoint: '/api/trpc',
            req: request,
            router: guide.appRouter,
            createContext: guide.createContext,
          })
      await send(res, response)
    })()
  })
  origin = await listen(server)
})

afterAll(async () => {
  await close(server)
  rmSync(app, { recursive: true, force: true })
})

describe('the guide’s tRPC code with gatehouse', () => {
  // A whole TypeScript program (with Next.js's types behind `gatehouse`) takes a while.
  it(
    'type-checks with the app’s Session augmentation; catches an unguarded session and a wrong role',
    { timeout: 180_000 },
    () => {
      const program = ts.createProgram({
        rootNames: Object.keys(files).map((path) => join(app, path)),
        options: {
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          esModuleInterop: true,
          allowImportingTsExtensions: true,
          jsx: ts.JsxEmit.ReactJSX,
          lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
          types: ['node'],
          typeRoots: [join(repo, 'node_modules/@types')],
          baseUrl: app,
          paths: {
            gatehouse: [join(repo, 'src/index.ts')],
            'gatehouse/trpc': [join(repo, 'src/trpc/index.ts')],
            'gatehouse/express': [join(repo, 'src/express/index.ts')],
            '@/*': [`${app}/*`],
          },
        },
      })
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file?.fileName.startsWith(app))
        .map((d) => {
          const where = d.file ? d.file.fileName.slice(app.length + 1) : '?'
          return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
        })

      const leaks = diagnostics.filter((line) => line.startsWith('server/trpc/unprotected.ts'))
      expect(leaks.join('\n')).toMatch(/possibly 'null'|possibly 'undefined'/)
      const typos = diagnostics.filter((line) => line.startsWith('server/trpc/wrong-role.ts'))
      expect(typos.join('\n')).toMatch(/"ADMNI"/)
      const guards = diagnostics.filter((line) => line.startsWith('server/express-guards.ts'))
      expect(guards).toHaveLength(1)
      expect(guards[0]).toMatch(/"ADMNI"/)
      const expected = [...leaks, ...typos, ...guards]
      expect(diagnostics.filter((line) => !expected.includes(line))).toEqual([])
    },
  )

  it('serves public, protected and admin procedures to the right people', async () => {
    type GuideRouter = GuideServer['appRouter']
    const clientFor = (browser: Browser) =>
      createTRPCClient<GuideRouter>({
        links: [
          httpLink({
            url: `${origin}/api/trpc`,
            headers: () => ({ cookie: browser.cookieHeader() }),
          }),
        ],
      }) as unknown as {
        user: {
          getById: { query(input: { id: string }): Promise<unknown> }
          getCurrent: { query(): Promise<unknown> }
          update: { mutate(input: Record<string, unknown>): Promise<unknown> }
          delete: { mutate(input: { id: string }): Promise<unknown> }
        }
      }
    const codeOf = (call: Promise<unknown>) =>
      call.then(
        () => 'OK',
        (error: unknown) =>
          error instanceof TRPCClientError ? (error.data as { code?: string }).code : String(error),
      )

    const anonymous = new Browser(origin)
    const ada = new Browser(origin)
    const grace = new Browser(origin)
    expect((await ada.signIn('/api/auth', 'ada', 'ada')).status).toBe(302)
    expect((await grace.signIn('/api/auth', 'grace', 'ecarg')).status).toBe(302)

    // Public: anyone, and only the public columns.
    expect(await clientFor(anonymous).user.getById.query({ id: 'user_ada' })).toEqual({
      id: 'user_ada',
      name: 'Ada',
      image: null,
    })

    // Protected.
    expect(await codeOf(clientFor(anonymous).user.getCurrent.query())).toBe('UNAUTHORIZED')
    expect(await clientFor(ada).user.getCurrent.query()).toMatchObject({
      id: 'user_ada',
      email: 'ada@example.test',
    })
    expect(await clientFor(ada).user.update.mutate({ bio: 'Analytical engines' })).toMatchObject({
      bio: 'Analytical engines',
    })
    expect(await codeOf(clientFor(ada).user.update.mutate({ bio: 42 }))).toBe('BAD_REQUEST')
    expect(await codeOf(clientFor(anonymous).user.update.mutate({ bio: 'x' }))).toBe('UNAUTHORIZED')

    // Admin only.
    expect(await codeOf(clientFor(anonymous).user.delete.mutate({ id: 'user_x' }))).toBe(
      'FORBIDDEN',
    )
    expect(await codeOf(clientFor(ada).user.delete.mutate({ id: 'user_x' }))).toBe('FORBIDDEN')
    expect(await clientFor(anonymous).user.getById.query({ id: 'user_x' })).not.toBeNull()
    expect(await clientFor(grace).user.delete.mutate({ id: 'user_x' })).toMatchObject({
      id: 'user_x',
    })
    expect(await clientFor(anonymous).user.getById.query({ id: 'user_x' })).toBeNull()
  })
})
