/**
 * The committed Prisma migration SQL for MySQL, applied to MariaDB with the driver. No Prisma
 * driver adapter for MySQL is installed here, so this checks the tables the SQL creates:
 * constraints, cascades, millisecond dates and the role enum's default.
 */
import mysql from 'mysql2/promise'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMariaDatabase, shouldSkip } from './databases.js'
import { migrationSql } from './prisma-client.js'

const skip = await shouldSkip(3306)

describe.skipIf(skip)('Prisma migration SQL for MySQL, on MariaDB', () => {
  for (const extended of [false, true]) {
    describe(extended ? 'extended schema' : 'standard schema', () => {
      let database: Awaited<ReturnType<typeof createMariaDatabase>>
      let connection: mysql.Connection

      beforeAll(async () => {
        database = await createMariaDatabase('prisma_sql')
        connection = await mysql.createConnection({ uri: database.url, multipleStatements: true })
        await connection.query(await migrationSql({ provider: 'mysql', extended }))
      })
      afterAll(async () => {
        await connection?.end()
        await database?.drop()
      })

      it('enforces unique email and (provider, providerAccountId), and cascades deletes', async () => {
        const expires = '2031-05-06 07:08:09.123'
        await connection.query(
          'INSERT INTO `User` (id, email, emailVerified) VALUES (?, ?, ?), (?, ?, NULL)',
          ['u1', 'ada@example.com', expires, 'u2', 'alan@example.com'],
        )
        await expect(
          connection.query('INSERT INTO `User` (id, email) VALUES (?, ?)', [
            'u3',
            'ada@example.com',
          ]),
        ).rejects.toThrow(/Duplicate entry/)

        const account =
          'INSERT INTO `Account` (id, userId, type, provider, providerAccountId, access_token) VALUES (?, ?, ?, ?, ?, ?)'
        await connection.query(account, ['a1', 'u1', 'oauth', 'github', '42', 'x'.repeat(4096)])
        await expect(
          connection.query(account, ['a2', 'u2', 'oauth', 'github', '42', null]),
        ).rejects.toThrow(/Duplicate entry/)
        await expect(
          connection.query(account, ['a3', 'nobody', 'oauth', 'github', '43', null]),
        ).rejects.toThrow(/foreign key constraint fails/)
        await connection.query(
          'INSERT INTO `Session` (id, sessionToken, userId, expires) VALUES (?, ?, ?, ?)',
          ['s1', 'token-1', 'u1', expires],
        )

        const [users] = await connection.query<mysql.RowDataPacket[]>(
          "SELECT DATE_FORMAT(emailVerified, '%Y-%m-%d %H:%i:%s.%f') AS verified FROM `User` WHERE id = 'u1'",
        )
        expect(users[0]?.verified).toBe('2031-05-06 07:08:09.123000')

        await connection.query("DELETE FROM `User` WHERE id = 'u1'")
        const [left] = await connection.query<mysql.RowDataPacket[]>(
          "SELECT (SELECT count(*) FROM `Account` WHERE userId = 'u1') AS accounts, (SELECT count(*) FROM `Session` WHERE userId = 'u1') AS sessions",
        )
        expect(left[0]).toMatchObject({ accounts: 0, sessions: 0 })
      })

      it.runIf(extended)('gives new users the USER role and refuses unknown roles', async () => {
        await connection.query("INSERT INTO `User` (id, email) VALUES ('u9', 'grace@example.com')")
        const [rows] = await connection.query<mysql.RowDataPacket[]>(
          "SELECT role, bio FROM `User` WHERE id = 'u9'",
        )
        expect(rows[0]).toEqual({ role: 'USER', bio: null })
        await connection.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'")
        await expect(
          connection.query("UPDATE `User` SET role = 'OWNER' WHERE id = 'u9'"),
        ).rejects.toThrow()
      })
    })
  }
})
