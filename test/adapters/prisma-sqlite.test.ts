import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'
import { PrismaAdapter } from '../../src/adapters/prisma.js'
import { runAdapterConformance } from './conformance.js'
import { generatePrismaClient, migrationSql, type TestPrismaClient } from './prisma-client.js'

const folder = mkdtempSync(join(tmpdir(), 'gh-adapters-prisma-'))
const file = join(folder, 'auth.sqlite')
let prisma: TestPrismaClient
let raw: Database.Database

const one = (sql: string, ...params: unknown[]) =>
  (raw.prepare(sql).get(...params) as Record<string, unknown> | undefined) ?? null

for (const extended of [false, true]) {
  const variant = { provider: 'sqlite', extended } as const
  runAdapterConformance(`prisma (sqlite${extended ? ', extended schema' : ''})`, {
    adapter: () => PrismaAdapter(prisma),
    customUserFields: extended,
    async setup() {
      const PrismaClient = await generatePrismaClient(variant)
      rmSync(file, { force: true })
      raw = new Database(file)
      raw.exec(await migrationSql(variant))
      prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) })
    },
    async teardown() {
      await prisma.$disconnect()
      raw.close()
      if (extended) rmSync(folder, { recursive: true, force: true })
    },
    db: {
      user: async (id) => one('SELECT * FROM "User" WHERE id = ?', id),
      countUsersByEmail: async (email) =>
        Number(one('SELECT count(*) AS n FROM "User" WHERE email = ?', email)?.n),
      account: async (provider, providerAccountId) =>
        one(
          'SELECT "userId" FROM "Account" WHERE provider = ? AND "providerAccountId" = ?',
          provider,
          providerAccountId,
        ) as { userId: string } | null,
      session: async (sessionToken) =>
        one('SELECT * FROM "Session" WHERE "sessionToken" = ?', sessionToken),
      verificationToken: async (identifier, token) =>
        one(
          'SELECT * FROM "VerificationToken" WHERE identifier = ? AND token = ?',
          identifier,
          token,
        ),
    },
  })
}
