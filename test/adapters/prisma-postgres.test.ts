import { PrismaAdapter as AuthJsPrismaAdapter } from '@auth/prisma-adapter'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaAdapter } from '../../src/adapters/prisma.js'
import type { Adapter } from '../../src/core/adapter.js'
import { AUTHJS_PRISMA_DIFFERENCES, AUTHJS_UNIMPLEMENTED } from './authjs-differences.js'
import { runAdapterConformance, type ConformanceDb } from './conformance.js'
import { createPgDatabase, shouldSkip } from './databases.js'
import { generatePrismaClient, migrationSql, type TestPrismaClient } from './prisma-client.js'

const skip = await shouldSkip(5432)

describe.skipIf(skip)('Prisma 7 on PostgreSQL (@prisma/adapter-pg, extended schema)', () => {
  const variant = { provider: 'postgresql', extended: true } as const
  let database: Awaited<ReturnType<typeof createPgDatabase>>
  let prisma: TestPrismaClient
  let raw: pg.Pool
  /** The SQL the client sent, from Prisma's query log. */
  const queries: string[] = []

  beforeAll(async () => {
    const PrismaClient = await generatePrismaClient(variant)
    database = await createPgDatabase('prisma')
    raw = new pg.Pool({ connectionString: database.url })
    await raw.query(await migrationSql(variant))
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url }),
      log: [{ emit: 'event', level: 'query' }],
    })
    prisma.$on('query', (event) => queries.push(event.query))
  })
  afterAll(async () => {
    await prisma?.$disconnect()
    await raw?.end()
    await database?.drop()
  })

  const one = async (sql: string, params: unknown[]) =>
    ((await raw.query(sql, params)).rows[0] as Record<string, unknown> | undefined) ?? null
  const db: ConformanceDb = {
    user: (id) => one('SELECT * FROM "User" WHERE id = $1', [id]),
    countUsersByEmail: async (email) =>
      Number((await one('SELECT count(*) AS n FROM "User" WHERE email = $1', [email]))?.n),
    account: async (provider, providerAccountId) =>
      (await one(
        'SELECT "userId" FROM "Account" WHERE provider = $1 AND "providerAccountId" = $2',
        [provider, providerAccountId],
      )) as { userId: string } | null,
    session: (sessionToken) =>
      one('SELECT * FROM "Session" WHERE "sessionToken" = $1', [sessionToken]),
    verificationToken: (identifier, token) =>
      one('SELECT * FROM "VerificationToken" WHERE identifier = $1 AND token = $2', [
        identifier,
        token,
      ]),
  }

  runAdapterConformance('gatehouse PrismaAdapter (postgresql)', {
    adapter: () => PrismaAdapter(prisma),
    customUserFields: true,
    db,
  })

  it('getSessionAndUser reads the session and its user in one query, a join', async () => {
    const adapter = PrismaAdapter(prisma)
    const user = await adapter.createUser({
      id: 'join-1',
      email: 'join@example.com',
      emailVerified: null,
    })
    await adapter.createSession({
      sessionToken: 'join-token',
      userId: user.id,
      expires: new Date(),
    })
    queries.length = 0
    const found = await adapter.getSessionAndUser('join-token')
    expect(found?.user.id).toBe(user.id)
    expect(queries).toHaveLength(1)
    expect(queries[0]).toMatch(/JOIN/i)
  })

  runAdapterConformance('@auth/prisma-adapter (postgresql)', {
    adapter: (): Adapter => AuthJsPrismaAdapter(prisma as never),
    customUserFields: true,
    unimplemented: AUTHJS_UNIMPLEMENTED,
    expectedFailures: AUTHJS_PRISMA_DIFFERENCES,
    db,
  })
})
