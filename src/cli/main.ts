/**
 * The `gatehouse` command line: parses arguments and runs `secret` or `schema`.
 *
 * @module
 */
import { parseArgs } from 'node:util'
import { ADAPTERS, DIALECTS, schemaText, type SchemaRequest } from './schema.js'
import { createSecret } from './secret.js'

/** Where the command writes; the real streams by default, buffers in tests. */
export interface CliOutput {
  out(text: string): void
  err(text: string): void
}

const USAGE = `Usage:
  gatehouse secret
      Prints a new random secret for the \`secret\` option (32 bytes, base64url).
  gatehouse schema --adapter prisma|drizzle --dialect pg|mysql|sqlite [--sql] [--extended]
      Prints the database schema for the adapter: schema.prisma, or the Drizzle tables.
      --sql       print the migration SQL instead
      --extended  Prisma only: the User with role and bio, and posts
`

/**
 * Runs the command line with `args` (without the node and script paths) and resolves to the
 * exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(['secret'])
 * ```
 */
export async function runCli(args: string[], output: CliOutput = processOutput): Promise<number> {
  const [command, ...rest] = args
  try {
    if (command === 'secret' && rest.length === 0) {
      output.out(`${createSecret()}\n`)
      return 0
    }
    if (command === 'schema') {
      output.out(await schemaText(parseSchemaArgs(rest)))
      return 0
    }
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      output.out(USAGE)
      return command === undefined ? 1 : 0
    }
    throw new UsageError(`Unknown command "${args.join(' ')}".`)
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error
    output.err(`gatehouse: ${error.message}\n\n${USAGE}`)
    return 2
  }
}

/** A mistake in the arguments: printed with the usage, exit code 2. */
class UsageError extends Error {}

function parseSchemaArgs(args: string[]): SchemaRequest {
  const { values } = parseArgs({
    args,
    options: {
      adapter: { type: 'string' },
      dialect: { type: 'string' },
      sql: { type: 'boolean' },
      extended: { type: 'boolean' },
    },
    strict: true,
  })
  const adapter = ADAPTERS.find((name) => name === values.adapter)
  const dialect = DIALECTS.find((name) => name === values.dialect)
  if (!adapter) throw new UsageError(`--adapter must be one of ${ADAPTERS.join(', ')}.`)
  if (!dialect) throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}.`)
  if (values.extended && adapter !== 'prisma') {
    throw new UsageError('--extended is for --adapter prisma; add the columns to your own tables.')
  }
  return { adapter, dialect, sql: values.sql ?? false, extended: values.extended ?? false }
}

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}
