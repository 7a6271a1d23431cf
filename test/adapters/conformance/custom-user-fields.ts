/**
 * Conformance tests of custom user fields: role and bio through every read.
 *
 * @module
 */
import { expect } from 'vitest'
import type { AdapterUser } from '../../../src/core/adapter.js'
import type { ConformanceKit } from './kit.js'

/** Registers the tests of this part of the contract. */
export function registerCustomUserFieldTests({
  method,
  test,
  createUser,
  newAccount,
  createSession,
}: ConformanceKit): void {
  test(
    'role and bio round-trip through every read, and update',
    async () => {
      const bio = 'Analyst of engines. Écrit en français, 日本語も。 🧮'
      const created = await createUser({ role: 'ADMIN', bio } as Partial<AdapterUser>)
      expect(created).toMatchObject({ role: 'ADMIN', bio })
      const account = newAccount(created.id)
      await method('linkAccount')(account)
      const session = await createSession(created.id)

      expect(await method('getUser')(created.id)).toMatchObject({ role: 'ADMIN', bio })
      expect(await method('getUserByEmail')(created.email)).toMatchObject({ role: 'ADMIN' })
      expect(
        await method('getUserByAccount')({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        }),
      ).toMatchObject({ role: 'ADMIN', bio })
      const found = await method('getSessionAndUser')(session.sessionToken)
      expect(found?.user).toMatchObject({ role: 'ADMIN', bio })

      const updated = await method('updateUser')({
        id: created.id,
        role: 'MODERATOR',
      } as Partial<AdapterUser> & { id: string })
      expect(updated).toMatchObject({ role: 'MODERATOR', bio })
      const after = await method('getSessionAndUser')(session.sessionToken)
      expect(after?.user).toMatchObject({ role: 'MODERATOR', bio })
    },
    [
      'createUser',
      'getUser',
      'getUserByEmail',
      'getUserByAccount',
      'linkAccount',
      'createSession',
      'getSessionAndUser',
      'updateUser',
    ],
  )
}
