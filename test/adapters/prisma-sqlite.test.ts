import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PrismaAdapter as AuthJsPrismaAdapter } from '@auth/prisma-adapter'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrismaAdapter } from '../../src/adapters/prisma.js'
import type { Adapter } from '../../src/core/adapter.js'
import { AUTHJS_PRISMA_DIFFERENCES, AUTHJS_UNIMPLEMENTED } from './authjs-differences.js'
import { runAdapterConformance, type ConformanceDb } from './conformance.js'
import { generatePrismaClient, migrationSql, type TestPrismaClient } from './prisma-client.js'

const folder = mkdtempSync(join(tmpdir(), 'gh-adapters-prisma-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

for (const extended of [false, true]) {
  const variant = { provider: 'sqlite', extended } as const
  const schema = extended ? 'extended schema' : 'standard schema'

  describe(`Prisma 7 on SQLite (@prisma/adapter-better-sqlite3, ${schema})`, () => {
    const file = join(folder, `auth-${extended ? 'extended' : 'standard'}.sqlite`)
    let prisma: TestPrismaClient
    let raw: Database.Database

    beforeAll(async () => {
      const PrismaClient = await generatePrismaClient(variant)
      raw = new Database(file)
      raw.exec(await migrationSql(variant))
      prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}` }) })
    })
    afterAll(async () => {
      await prisma?.$disconnect()
      raw?.close()
    })

    const one = (sql: string, ...params: unknown[]) =>
      (raw.prepare(sql).get(...params) as Record<string, unknown> | undefined) ?? null
    const db: ConformanceDb = {
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
    }

    runAdapterConformance(`gatehouse PrismaAdapter (sqlite, ${schema})`, {
      adapter: () => PrismaAdapter(prisma),
      customUserFields: extended,
      db,
    })

    it('a Prisma validation error does not print the arguments', async () => {
      const canary = 'canary-access-token'
      const adapter = PrismaAdapter(prisma)
      const user = await adapter.createUser({
        id: `v-${schema}`,
        email: `v-${schema}@x.example`,
        emailVerified: null,
      })
      const linking = adapter.linkAccount({
        userId: user.id,
        type: 'oauth',
        provider: 'example',
        providerAccountId: 'v',
        access_token: canary,
        expires_at: 'soon' as unknown as number,
      })
      await expect(linking).rejects.toThrow(/^linkAccount failed: Prisma refused its arguments/)
      await expect(linking).rejects.not.toThrow(canary)
    })

    if (extended) {
      runAdapterConformance(`@auth/prisma-adapter (sqlite, ${schema})`, {
        adapter: (): Adapter => AuthJsPrismaAdapter(prisma as never),
        customUserFields: true,
        unimplemented: AUTHJS_UNIMPLEMENTED,
        expectedFailures: AUTHJS_PRISMA_DIFFERENCES,
        db,
      })
    }
  })
}
