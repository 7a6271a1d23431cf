import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './main.js'

const root = join(import.meta.dirname, '..', '..')

async function run(...args: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) })
  return { code, out, err }
}

describe('gatehouse secret', () => {
  it('prints 32 random bytes as base64url, different each time', async () => {
    const first = await run('secret')
    const second = await run('secret')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^[A-Za-z0-9_-]{43}\n$/)
    expect(Buffer.from(first.out.trim(), 'base64url')).toHaveLength(32)
    expect(second.out).not.toBe(first.out)
  })
})

describe('gatehouse schema', () => {
  const folder = mkdtemp(join(tmpdir(), 'gh-cli-'))
  afterAll(async () => rm(await folder, { recursive: true, force: true }))

  it('prints the Drizzle tables the adapter uses by default, per dialect', async () => {
    for (const dialect of ['pg', 'mysql', 'sqlite']) {
      const { code, out } = await run('schema', '--adapter', 'drizzle', '--dialect', dialect)
      expect(code).toBe(0)
      const source = `src/adapters/drizzle/${dialect}-schema.ts`
      expect(out).toBe(await readFile(join(root, source), 'utf8'))
      expect(out).toContain("'verification_tokens'")
    }
  })

  it('prints the Drizzle migration SQL with --sql', async () => {
    const { out } = await run('schema', '--adapter', 'drizzle', '--dialect', 'mysql', '--sql')
    expect(out).toContain('CREATE TABLE `verification_tokens`')
    expect(out).toContain('ON DELETE cascade')
  })

  it('prints a schema.prisma that Prisma accepts, for each provider', async () => {
    for (const [dialect, provider] of [
      ['pg', 'postgresql'],
      ['mysql', 'mysql'],
      ['sqlite', 'sqlite'],
    ] as const) {
      for (const extended of [false, true]) {
        const args = ['schema', '--adapter', 'prisma', '--dialect', dialect]
        const { code, out } = await run(...args, ...(extended ? ['--extended'] : []))
        expect(code).toBe(0)
        expect(out).toContain(`provider = "${provider}"`)
        expect(/String\? +@db\.Text/.test(out)).toBe(dialect !== 'sqlite')
        expect(out.includes('enum Role')).toBe(extended)

        // Validating takes seconds; the extended schema holds the standard one.
        if (!extended) continue
        const file = join(await folder, `${dialect}${extended ? '-extended' : ''}.prisma`)
        await writeFile(file, out)
        await expect(
          promisify(execFile)(
            process.execPath,
            [join(root, 'node_modules/prisma/build/index.js'), 'validate', '--schema', file],
            { env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath } },
          ),
        ).resolves.toBeTruthy()
      }
    }
  })

  it('prints the Prisma migration SQL with --sql', async () => {
    const { out } = await run('schema', '--adapter', 'prisma', '--dialect', 'pg', '--sql')
    expect(out).toContain('CREATE TABLE "VerificationToken"')
  })

  it('refuses unknown adapters, dialects and options with the usage and exit code 2', async () => {
    for (const args of [
      ['schema', '--adapter', 'typeorm', '--dialect', 'pg'],
      ['schema', '--adapter', 'prisma', '--dialect', 'oracle'],
      ['schema', '--adapter', 'prisma', '--dialect', 'pg', '--verbose'],
      ['schema', '--adapter', 'drizzle', '--dialect', 'pg', '--extended'],
      ['secret', 'extra'],
      ['launch'],
    ]) {
      const { code, out, err } = await run(...args)
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(err).toMatch(/^gatehouse: .+\n\nUsage:/)
    }
  })

  it('prints the usage for help, and exits 1 without a command', async () => {
    expect((await run('--help')).code).toBe(0)
    expect((await run('--help')).out).toContain('gatehouse schema --adapter')
    expect((await run()).code).toBe(1)
  })
})
