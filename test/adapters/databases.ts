/**
 * Throwaway databases for the adapter suites: each test file creates its own database on the
 * shared PostgreSQL and MariaDB servers, and drops it when done. Outside CI a suite is skipped
 * when its server does not answer; in CI it never is.
 *
 * @module
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import mysql from 'mysql2/promise'
import pg from 'pg'

export const PG_URL = 'postgres://postgres@127.0.0.1:5432'
export const MARIADB_URL = 'mysql://root@127.0.0.1:3306'

/** Whether something listens on the port; resolves within a second either way. */
export function isReachable(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host })
    const done = (up: boolean) => {
      socket.destroy()
      resolve(up)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** Skip a server-backed suite only when the server is down and this is not CI. */
export async function shouldSkip(port: number): Promise<boolean> {
  if (process.env.CI) return false
  return !(await isReachable(port))
}

const uniqueName = (prefix: string) => `gh_adapters_${prefix}_${randomBytes(5).toString('hex')}`

/** A fresh PostgreSQL database; `drop()` removes it. */
export async function createPgDatabase(prefix: string) {
  const name = uniqueName(prefix)
  const admin = new pg.Client({ connectionString: `${PG_URL}/postgres` })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return {
    name,
    url: `${PG_URL}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: `${PG_URL}/postgres` })
      await client.connect()
      // Let pools that are still closing (a Prisma driver adapter ends its pool after
      // `$disconnect()` resolves) go first: FORCE would kill their connections, and a pg client
      // killed while it ends has no error listener left, so the test run gets an uncaught error.
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        )
        if (rows[0]!.n === 0) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

/** A fresh MariaDB database in utf8mb4; `drop()` removes it. */
export async function createMariaDatabase(prefix: string) {
  const name = uniqueName(prefix)
  const admin = await mysql.createConnection(MARIADB_URL)
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  await admin.end()
  return {
    name,
    url: `${MARIADB_URL}/${name}`,
    async drop() {
      const connection = await mysql.createConnection(MARIADB_URL)
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await connection.end()
    },
  }
}
