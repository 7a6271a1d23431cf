/**
 * Generates the Prisma clients the adapter tests use, from the schemas the package ships, into
 * `test/adapters/.generated/<name>/` (ignored by git). Generation runs offline; the Prisma CLI
 * only needs `PRISMA_SCHEMA_ENGINE_BINARY` to name an existing file, since `generate` never
 * starts the schema engine.
 *
 * @module
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { PrismaClientLike } from '../../src/adapters/prisma.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Which shipped schema, for which database. */
export interface PrismaVariant {
  provider: 'postgresql' | 'sqlite' | 'mysql'
  extended: boolean
}

/** A generated client: the structural part the adapter needs, plus disconnect and raw SQL. */
export type TestPrismaClient = PrismaClientLike & {
  $disconnect(): Promise<void>
  $on(event: 'query', listener: (event: { query: string }) => void): void
}

type PrismaClientClass = new (options: {
  adapter: unknown
  log?: Array<{ emit: 'event'; level: 'query' }>
}) => TestPrismaClient

/** The schema text for a variant: provider and output replaced, native types for SQLite removed. */
export async function variantSchema(variant: PrismaVariant, output: string): Promise<string> {
  const file = variant.extended ? 'schema.extended.prisma' : 'schema.prisma'
  let schema = await readFile(join(root, 'prisma', file), 'utf8')
  schema = schema.replace('provider = "postgresql"', `provider = "${variant.provider}"`)
  schema = schema.replace(/output\s+= ".*"/, `output   = "${output}"`)
  if (variant.provider === 'sqlite') schema = schema.replaceAll(' @db.Text', '')
  return schema
}

/**
 * Generates the client of a variant and returns its `PrismaClient` class. Test files running
 * at the same time pass distinct `folder` names, so none reads a client another is writing.
 */
export async function generatePrismaClient(
  variant: PrismaVariant,
  folderName = `${variant.provider}${variant.extended ? '-extended' : ''}`,
): Promise<PrismaClientClass> {
  const name = folderName
  const folder = join(root, 'test', 'adapters', '.generated', name)
  await mkdir(folder, { recursive: true })
  const schemaFile = join(folder, 'schema.prisma')
  await writeFile(schemaFile, await variantSchema(variant, './client'))

  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schemaFile],
    {
      cwd: folder,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
      },
    },
  )

  const client = (await import(pathToFileURL(join(folder, 'client', 'client.ts')).href)) as {
    PrismaClient: PrismaClientClass
  }
  return client.PrismaClient
}

/** The committed migration SQL of a variant, for the driver to run. */
export function migrationSql(variant: PrismaVariant): Promise<string> {
  const folder = variant.extended ? 'migrations-extended' : 'migrations'
  return readFile(
    join(root, 'prisma', folder, variant.provider, '20261203000000_init', 'migration.sql'),
    'utf8',
  )
}
