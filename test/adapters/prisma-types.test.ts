/**
 * `PrismaAdapter` is typed against the parts of a generated client it calls. This runs the type
 * checker on a file that passes it a real generated client, an `$extends` of it, and a client
 * without the models, which must be refused. The generated client does not exist before the
 * tests run, so this cannot be part of the repository's own type check.
 */
import { execFile } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import { generatePrismaClient } from './prisma-client.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

it('accepts generated clients, extended or not, and refuses one without the models', async () => {
  await generatePrismaClient({ provider: 'sqlite', extended: true }, 'sqlite-extended-types')
  const folder = join(root, 'test', 'adapters', '.generated', 'typecheck')
  await mkdir(folder, { recursive: true })
  const adapterModule = relative(folder, join(root, 'src', 'adapters', 'prisma.js'))
  await writeFile(
    join(folder, 'check.ts'),
    [
      `import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'`,
      `import { PrismaAdapter } from '${adapterModule}'`,
      `import { PrismaClient } from '../sqlite-extended-types/client/client.js'`,
      `const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: ':memory:' }) })`,
      `export const plain = PrismaAdapter(prisma)`,
      `export const extended = PrismaAdapter(prisma.$extends({}))`,
      `// @ts-expect-error a client without the account and session models`,
      `export const partial = PrismaAdapter({ user: prisma.user })`,
      `// @ts-expect-error not a client at all`,
      `export const wrong = PrismaAdapter({})`,
      '',
    ].join('\n'),
  )
  await writeFile(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      extends: relative(folder, join(root, 'tsconfig.json')),
      compilerOptions: { allowImportingTsExtensions: true, noEmit: true },
      include: ['check.ts'],
    }),
  )
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = await promisify(execFile)(process.execPath, [tsc, '-p', folder]).then(
    () => ({ failed: false, output: '' }),
    (error: { stdout?: string }) => ({ failed: true, output: error.stdout ?? String(error) }),
  )
  expect(result.output).toBe('')
  expect(result.failed).toBe(false)
}, 120_000)
