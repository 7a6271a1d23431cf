/**
 * The engine's sign-in flows on PostgreSQL through every adapter: Gatehouse's Prisma and
 * Drizzle adapters, the official `@auth/prisma-adapter` and `@auth/drizzle-adapter`, and the
 * memory adapter. Each runs credentials sign-in with database sessions, session expiry and
 * email sign-in with `Auth(request, options)`, and shows that the extended user fields
 * (`role`, `bio`) reach the `session` callback from the database.
 */
import { randomUUID } from 'node:crypto'
import { DrizzleAdapter as AuthJsDrizzleAdapter } from '@auth/drizzle-adapter'
import { PrismaAdapter as AuthJsPrismaAdapter } from '@auth/prisma-adapter'
import { PrismaPg } from '@prisma/adapter-pg'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DrizzleAdapter } from '../../src/adapters/drizzle/index.js'
import * as pgTables from '../../src/adapters/drizzle/pg-schema.js'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { PrismaAdapter } from '../../src/adapters/prisma.js'
import type { Adapter, AdapterUser } from '../../src/core/adapter.js'
import { getSession } from '../../src/core/index.js'
import type { AuthOptions, Session } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'
import EmailProvider from '../../src/providers/email.js'
import { Client, engine, ORIGIN, SECRET } from '../helpers/engine.js'
import { createPgDatabase, shouldSkip } from './databases.js'
import { addExtendedColumns, pgUsers } from './drizzle-extended.js'
import { generatePrismaClient, migrationSql, type TestPrismaClient } from './prisma-client.js'

/** The user of the guide's extended schema, as the `session` callback receives it. */
type ExtendedUser = AdapterUser & { role?: 'USER' | 'ADMIN' | 'MODERATOR'; bio?: string | null }
/** The session the app's `session` callback builds, as in the guide. */
type ExtendedSession = Session & {
  user?: Session['user'] & { id: string; role?: string; bio?: string | null }
}

const SESSION_COOKIE = 'next-auth.session-token'
const skip = await shouldSkip(5432)
const databases: Array<{ drop(): Promise<void> }> = []
const closers: Array<() => Promise<void>> = []

let prisma: TestPrismaClient
let drizzleDb: NodePgDatabase

beforeAll(async () => {
  if (skip) return
  const variant = { provider: 'postgresql', extended: true } as const
  const PrismaClient = await generatePrismaClient(variant, 'postgresql-extended-flows')
  const prismaDatabase = await createPgDatabase('flows_prisma')
  databases.push(prismaDatabase)
  const prismaPool = new pg.Pool({ connectionString: prismaDatabase.url })
  await prismaPool.query(await migrationSql(variant))
  await prismaPool.end()
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: prismaDatabase.url }) })
  closers.push(() => prisma.$disconnect())

  const drizzleDatabase = await createPgDatabase('flows_drizzle')
  databases.push(drizzleDatabase)
  const drizzlePool = new pg.Pool({ connectionString: drizzleDatabase.url })
  drizzleDb = drizzle(drizzlePool)
  const migrationsFolder = new URL('../../drizzle/pg', import.meta.url).pathname
  await migrate(drizzleDb, { migrationsFolder })
  for (const statement of addExtendedColumns.pg) await drizzlePool.query(statement)
  closers.push(() => drizzlePool.end())
})

afterAll(async () => {
  for (const close of closers) await close()
  for (const database of databases) await database.drop()
})

const adapters: Array<{ name: string; make: () => Adapter; databaseDefaults: boolean }> = [
  { name: 'memory', make: () => MemoryAdapter(), databaseDefaults: false },
  { name: 'gatehouse PrismaAdapter', make: () => PrismaAdapter(prisma), databaseDefaults: true },
  {
    name: 'gatehouse DrizzleAdapter',
    make: () => DrizzleAdapter(drizzleDb, { usersTable: pgUsers }),
    databaseDefaults: true,
  },
  {
    name: '@auth/prisma-adapter',
    make: () => AuthJsPrismaAdapter(prisma as never),
    databaseDefaults: true,
  },
  {
    name: '@auth/drizzle-adapter',
    make: () =>
      AuthJsDrizzleAdapter(drizzleDb, {
        usersTable: pgUsers,
        accountsTable: pgTables.accounts,
        sessionsTable: pgTables.sessions,
        verificationTokensTable: pgTables.verificationTokens,
      }),
    databaseDefaults: true,
  },
]

for (const { name, make, databaseDefaults } of adapters) {
  const needsServer = name !== 'memory'

  describe.skipIf(needsServer && skip)(`engine flows through ${name} (PostgreSQL)`, () => {
    let adapter: Adapter
    const links: string[] = []

    const options = (): AuthOptions => ({
      secret: SECRET,
      adapter,
      session: { strategy: 'database', maxAge: 3600, updateAge: 0 },
      providers: [
        CredentialsProvider({
          credentials: { email: { type: 'email' }, password: { type: 'password' } },
          // An app looks the user up in its own database; here that is the adapter's.
          async authorize(credentials) {
            if (credentials?.password !== 'correct horse') return null
            const user = await adapter.getUserByEmail!(String(credentials.email))
            return user ? { ...user } : null
          },
        }),
        EmailProvider({
          sendVerificationRequest: ({ url }) => {
            links.push(url)
          },
        }),
      ],
      callbacks: {
        // The guide's callback: copy the custom fields of the database user into the session.
        session({ session, user }) {
          const extended = user as ExtendedUser
          return {
            ...session,
            user: { ...session.user, id: extended.id, role: extended.role, bio: extended.bio },
          } as ExtendedSession
        },
      },
    })

    beforeAll(() => {
      adapter = make()
    })

    const createMember = async (role: 'ADMIN' | 'MODERATOR') => {
      const user = await adapter.createUser!({
        id: randomUUID(),
        name: 'Grace Hopper',
        email: `grace-${randomUUID()}@example.com`,
        emailVerified: null,
        image: null,
        role,
        bio: 'Wrote the first compiler. Ünïcödé ✓',
      } as ExtendedUser)
      return user as ExtendedUser
    }

    const signInWithPassword = async (client: Client, email: string) => {
      const response = await client.signIn(
        { email, password: 'correct horse', callbackUrl: '/dashboard' },
        'credentials',
        { origin: ORIGIN },
      )
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toBe(`${ORIGIN}/dashboard`)
      return client.cookies.get(SESSION_COOKIE)!
    }

    it('credentials with a database session: role and bio reach the session callback', async () => {
      const member = await createMember('ADMIN')
      const client = new Client(engine(options()))
      const sessionToken = await signInWithPassword(client, member.email)

      const found = await adapter.getSessionAndUser!(sessionToken)
      expect(found?.session.userId).toBe(member.id)

      const session = (await client.session()) as unknown as ExtendedSession
      expect(session.user).toEqual({
        id: member.id,
        name: 'Grace Hopper',
        email: member.email,
        image: null,
        role: 'ADMIN',
        bio: 'Wrote the first compiler. Ünïcödé ✓',
      })

      // The same through getSession(), without HTTP.
      const request = client.request('session')
      const direct = (await getSession(request, options())) as ExtendedSession | null
      expect(direct?.user?.role).toBe('ADMIN')

      // A role changed in the database shows in the next session read.
      await adapter.updateUser!({ id: member.id, role: 'MODERATOR' } as ExtendedUser)
      expect(((await client.session()) as unknown as ExtendedSession).user?.role).toBe('MODERATOR')
    })

    it('sign-out deletes the session row', async () => {
      const member = await createMember('MODERATOR')
      const client = new Client(engine(options()))
      const sessionToken = await signInWithPassword(client, member.email)
      const csrfToken = await client.csrf()
      const response = await client.post('signout', { csrfToken }, { origin: ORIGIN })
      expect(response.status).toBe(302)
      expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull()
      expect(await client.session()).toEqual({})
    })

    it('an expired session ends: no session, and its row is deleted', async () => {
      const member = await createMember('ADMIN')
      const client = new Client(engine(options()))
      const sessionToken = await signInWithPassword(client, member.email)
      await adapter.updateSession!({ sessionToken, expires: new Date(Date.now() - 1000) })

      expect(await client.session()).toEqual({})
      expect(await adapter.getSessionAndUser!(sessionToken)).toBeNull()
      expect(client.cookies.has(SESSION_COOKIE)).toBe(false)
    })

    it('email sign-in creates the user, starts a session, and its link works once', async () => {
      const email = `new-${randomUUID()}@example.com`
      const client = new Client(engine(options()))
      const csrfToken = await client.csrf()
      const requested = await client.post(
        'signin/email',
        { csrfToken, email, callbackUrl: '/welcome' },
        { origin: ORIGIN },
      )
      expect(requested.status).toBe(302)
      expect(links).toHaveLength(1)
      const link = new URL(links.pop()!)

      const opened = await client.fetch(link.pathname + link.search)
      expect(opened.status).toBe(302)
      expect(opened.headers.get('location')).toBe(`${ORIGIN}/welcome`)

      const user = (await adapter.getUserByEmail!(email)) as ExtendedUser | null
      expect(user?.emailVerified).toBeInstanceOf(Date)
      const session = (await client.session()) as unknown as ExtendedSession
      expect(session.user).toMatchObject({ id: user!.id, email })
      // The database's default role, where the schema has one.
      expect(session.user?.role).toBe(databaseDefaults ? 'USER' : undefined)

      const again = await new Client(engine(options())).fetch(link.pathname + link.search)
      expect(again.status).toBe(302)
      expect(new URL(again.headers.get('location')!).searchParams.get('error')).toBe('Verification')
    })
  })
}
