/**
 * The committed drizzle-kit migrations match the default tables: generating again from the
 * schema finds nothing to migrate. A column changed without a new migration fails here.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const dialects = [
  ['pg', 'postgresql'],
  ['mysql', 'mysql'],
  ['sqlite', 'sqlite'],
] as const

it.each(dialects)(
  'drizzle/%s is up to date with the %s schema',
  async (folder, dialect) => {
    const work = await mkdtemp(join(tmpdir(), 'gh-adapters-kit-'))
    try {
      await cp(join(root, 'drizzle', folder), join(work, 'out'), { recursive: true })
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          join(root, 'node_modules', 'drizzle-kit', 'bin.cjs'),
          'generate',
          '--dialect',
          dialect,
          '--schema',
          join(root, 'src', 'adapters', 'drizzle', `${folder}-schema.ts`),
          '--out',
          'out',
        ],
        { cwd: work },
      )
      expect(stdout).toContain('No schema changes')
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  },
  60_000,
)
