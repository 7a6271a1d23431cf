/**
 * `gatehouse schema`: the database schema for an adapter and a dialect, read from the files the
 * package ships (`prisma/` and `drizzle/`), so what it prints is what the tests run on.
 *
 * @module
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The ORMs `gatehouse schema` prints a schema for. */
export const ADAPTERS = ['prisma', 'drizzle'] as const
/** The databases `gatehouse schema` prints a schema for. */
export const DIALECTS = ['pg', 'mysql', 'sqlite'] as const

/** What to print. */
export interface SchemaRequest {
  adapter: (typeof ADAPTERS)[number]
  dialect: (typeof DIALECTS)[number]
  /** The migration SQL instead of the schema source. */
  sql?: boolean
  /** Prisma only: the User with `role` and `bio`, and posts. */
  extended?: boolean
}

const PRISMA_PROVIDERS = { pg: 'postgresql', mysql: 'mysql', sqlite: 'sqlite' } as const
const PRISMA_MIGRATION = '20261203000000_init/migration.sql'

/**
 * A file of the package: the nearest folder above this module that holds `prisma/` and
 * `drizzle/`, wherever the build put the module (`src/cli/`, `dist/cli/`, a shared chunk).
 */
function packageFile(path: string): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 5; depth++) {
    if (
      existsSync(join(folder, 'prisma', 'schema.prisma')) &&
      existsSync(join(folder, 'drizzle'))
    ) {
      return join(folder, path)
    }
    folder = dirname(folder)
  }
  throw new Error('The schema files of the gatehouse package are missing: reinstall it.')
}

/**
 * The schema text for an adapter and dialect: a `schema.prisma` whose provider is set (and
 * without the native types SQLite lacks), a Drizzle table file, or the migration SQL.
 *
 * @example
 * ```ts
 * const text = await schemaText({ adapter: 'prisma', dialect: 'sqlite' })
 * ```
 */
export async function schemaText(request: SchemaRequest): Promise<string> {
  const { adapter, dialect } = request
  if (adapter === 'drizzle') {
    const file = request.sql ? `drizzle/${dialect}/0000_init.sql` : `drizzle/${dialect}/schema.ts`
    return readFile(packageFile(file), 'utf8')
  }

  const provider = PRISMA_PROVIDERS[dialect]
  if (request.sql) {
    const folder = request.extended ? 'migrations-extended' : 'migrations'
    return readFile(packageFile(`prisma/${folder}/${provider}/${PRISMA_MIGRATION}`), 'utf8')
  }
  const file = request.extended ? 'prisma/schema.extended.prisma' : 'prisma/schema.prisma'
  let schema = await readFile(packageFile(file), 'utf8')
  schema = schema.replace('provider = "postgresql"', `provider = "${provider}"`)
  if (dialect === 'sqlite') schema = schema.replaceAll(' @db.Text', '')
  return schema
}
