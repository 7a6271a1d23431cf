/**
 * Conformance tests of verification tokens: single use, also under concurrency.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { VerificationToken } from '../../../src/core/adapter.js'
import type { ConformanceKit } from './kit.js'

/** Registers the tests of this part of the contract. */
export function registerVerificationTokenTests({ db, method, strict, test }: ConformanceKit): void {
  const newToken = (fields: Partial<VerificationToken> = {}): VerificationToken => ({
    identifier: `ada-${randomUUID()}@example.com`,
    token: randomUUID(),
    expires: new Date('2031-07-08T09:10:11.012Z'),
    ...fields,
  })
  const keyOf = ({ identifier, token }: VerificationToken) => ({ identifier, token })

  test(
    'useVerificationToken returns the row once, then null',
    async () => {
      const token = newToken()
      const created = await method('createVerificationToken')(token)
      if (created) expect(created).toMatchObject(token)
      const used = await method('useVerificationToken')(keyOf(token))
      expect(used).toEqual(token)
      expect(used?.expires.getTime()).toBe(token.expires.getTime())
      expect(await db.verificationToken(token.identifier, token.token)).toBeNull()
      expect(await method('useVerificationToken')(keyOf(token))).toBeNull()
    },
    ['createVerificationToken', 'useVerificationToken'],
  )

  test(
    'useVerificationToken: null for an unknown token or a foreign identifier',
    async () => {
      const token = newToken()
      await method('createVerificationToken')(token)
      expect(
        await method('useVerificationToken')({ identifier: token.identifier, token: 'nope' }),
      ).toBeNull()
      expect(
        await method('useVerificationToken')({
          identifier: 'someone-else@example.com',
          token: token.token,
        }),
      ).toBeNull()
      expect(await db.verificationToken(token.identifier, token.token)).not.toBeNull()
    },
    ['createVerificationToken', 'useVerificationToken'],
  )

  test(
    'using one token of an identifier leaves its other tokens',
    async () => {
      const first = newToken()
      const second = newToken({ identifier: first.identifier })
      await method('createVerificationToken')(first)
      await method('createVerificationToken')(second)
      await method('useVerificationToken')(keyOf(first))
      expect((await method('useVerificationToken')(keyOf(second)))?.token).toBe(second.token)
    },
    ['createVerificationToken', 'useVerificationToken'],
  )

  strict(
    'createVerificationToken returns the token it stored, not another of the identifier',
    async () => {
      // The older token sorts first, as a database without ORDER BY tends to return it.
      const first = newToken({ token: `a-${randomUUID()}` })
      const second = newToken({ identifier: first.identifier, token: `b-${randomUUID()}` })
      await method('createVerificationToken')(first)
      const created = await method('createVerificationToken')(second)
      if (created) expect(created.token).toBe(second.token)
    },
    ['createVerificationToken'],
  )

  strict(
    'concurrent useVerificationToken: exactly one caller gets the row',
    async () => {
      // Several rounds: a check-then-delete race may not show in a single one.
      for (let round = 0; round < 10; round++) {
        const token = newToken()
        await method('createVerificationToken')(token)
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, () =>
            Promise.resolve().then(() => method('useVerificationToken')(keyOf(token))),
          ),
        )
        expect(results.every((result) => result.status === 'fulfilled')).toBe(true)
        const rows = results.map((result) => (result.status === 'fulfilled' ? result.value : null))
        expect(rows.filter((row) => row !== null)).toHaveLength(1)
        expect(await db.verificationToken(token.identifier, token.token)).toBeNull()
      }
    },
    ['createVerificationToken', 'useVerificationToken'],
  )
}
