/**
 * Database connections for the database-session runs, each counting the SQL statements it
 * executes: SQLite through better-sqlite3's `verbose` hook (called once per statement run),
 * PostgreSQL by wrapping `pg.Client.prototype.query` (which `Pool.query` also goes through).
 */
import Database from 'better-sqlite3'
import pg from 'pg'

import { counters } from './counters.mjs'

export { counters }

export const PG_DATABASE = 'gh_bench'
export const PG_CONFIG = { host: '127.0.0.1', port: 5432, user: 'postgres', database: PG_DATABASE }

/** A better-sqlite3 database at `file` whose every executed statement is counted. */
export function openSqlite(file) {
  const db = new Database(file, {
    verbose: () => {
      counters.statements += 1
    },
  })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  return db
}

let wrapped = false

/** A pg Pool on the bench database whose every query is counted. */
export function openPostgres() {
  if (!wrapped) {
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function countedQuery(...args) {
      counters.statements += 1
      return query.apply(this, args)
    }
    wrapped = true
  }
  return new pg.Pool({ ...PG_CONFIG, max: 10 })
}

/** Creates the bench database if it does not exist. */
export async function ensurePostgresDatabase() {
  const client = new pg.Client({ ...PG_CONFIG, database: 'postgres' })
  await client.connect()
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [PG_DATABASE])
    if (found.rowCount === 0) await client.query(`create database ${PG_DATABASE}`)
  } finally {
    await client.end()
  }
}

/** Drops the bench database. */
export async function dropPostgresDatabase() {
  const client = new pg.Client({ ...PG_CONFIG, database: 'postgres' })
  await client.connect()
  try {
    await client.query(`drop database if exists ${PG_DATABASE} with (force)`)
  } finally {
    await client.end()
  }
}

/** Runs a script of `;`-separated statements on SQLite or PostgreSQL. */
export async function runScript(db, script) {
  if (db instanceof pg.Pool) await db.query(script)
  else db.exec(script)
}
