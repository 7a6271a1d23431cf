/**
 * Conformance tests of users: create, read, update, delete, unique email, cascades, values.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { ConformanceKit } from './kit.js'

/** Registers the tests of this part of the contract. */
export function registerUserTests({
  db,
  method,
  strict,
  test,
  newUser,
  createUser,
  newAccount,
  createSession,
}: ConformanceKit): void {
  strict(
    'createUser keeps the id the engine chose',
    async () => {
      const user = newUser()
      const created = await method('createUser')(user)
      expect(created.id).toBe(user.id)
      expect(await db.user(user.id)).not.toBeNull()
    },
    ['createUser'],
  )

  test(
    'createUser returns every field, dates to the millisecond',
    async () => {
      const user = newUser()
      const created = await method('createUser')(user)
      expect(created).toMatchObject({
        name: user.name,
        email: user.email,
        image: user.image,
        emailVerified: user.emailVerified,
      })
      expect(created.emailVerified).toBeInstanceOf(Date)
      expect(created.emailVerified?.getTime()).toBe(user.emailVerified?.getTime())
    },
    ['createUser'],
  )

  test(
    'createUser with emailVerified null and no name or image',
    async () => {
      const created = await createUser({ emailVerified: null, name: null, image: null })
      expect(created.emailVerified).toBeNull()
      const read = await method('getUser')(created.id)
      expect(read?.emailVerified).toBeNull()
      expect(read?.name ?? null).toBeNull()
      expect(read?.image ?? null).toBeNull()
    },
    ['createUser', 'getUser'],
  )

  test(
    'getUser: the user, or null for an unknown id',
    async () => {
      const created = await createUser()
      expect(await method('getUser')(created.id)).toMatchObject({
        id: created.id,
        email: created.email,
        emailVerified: created.emailVerified,
      })
      expect(await method('getUser')(randomUUID())).toBeNull()
    },
    ['createUser', 'getUser'],
  )

  test(
    'getUserByEmail: the user, or null for an unknown email',
    async () => {
      const created = await createUser()
      expect((await method('getUserByEmail')(created.email))?.id).toBe(created.id)
      expect(await method('getUserByEmail')(`nobody-${randomUUID()}@example.com`)).toBeNull()
    },
    ['createUser', 'getUserByEmail'],
  )

  test(
    'updateUser changes only the given fields and returns the whole user',
    async () => {
      const created = await createUser()
      const verified = new Date('2033-03-03T03:03:03.333Z')
      const updated = await method('updateUser')({
        id: created.id,
        name: 'Augusta Ada King',
        emailVerified: verified,
      })
      expect(updated).toMatchObject({
        id: created.id,
        name: 'Augusta Ada King',
        email: created.email,
        image: created.image,
      })
      expect(updated.emailVerified?.getTime()).toBe(verified.getTime())
      const read = await method('getUser')(created.id)
      expect(read?.name).toBe('Augusta Ada King')
      expect(read?.image).toBe(created.image)
    },
    ['createUser', 'updateUser', 'getUser'],
  )

  test(
    'updateUser can clear a field with null',
    async () => {
      const created = await createUser()
      await method('updateUser')({ id: created.id, image: null })
      expect((await method('getUser')(created.id))?.image ?? null).toBeNull()
    },
    ['createUser', 'updateUser', 'getUser'],
  )

  test(
    'updateUser to an email another user has rejects and changes nothing',
    async () => {
      const first = await createUser()
      const second = await createUser()
      await expect(
        Promise.resolve().then(() => method('updateUser')({ id: second.id, email: first.email })),
      ).rejects.toThrow()
      expect((await method('getUser')(second.id))?.email).toBe(second.email)
    },
    ['createUser', 'updateUser', 'getUser'],
  )

  test(
    'createUser with an email already taken rejects with an error naming it',
    async () => {
      const first = await createUser()
      const duplicate = newUser({ email: first.email })
      await expect(Promise.resolve().then(() => method('createUser')(duplicate))).rejects.toThrow(
        /email|unique|duplicate/i,
      )
      expect(await db.countUsersByEmail(first.email)).toBe(1)
    },
    ['createUser'],
  )

  strict(
    'unique email under concurrency: one createUser succeeds, no partial rows',
    async () => {
      const email = `race-${randomUUID()}@example.com`
      const contenders = [newUser({ email }), newUser({ email })]
      const results = await Promise.allSettled(
        contenders.map((user) => Promise.resolve().then(() => method('createUser')(user))),
      )
      const won = results.filter((result) => result.status === 'fulfilled')
      const lost = results.filter((result) => result.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(1)
      expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(/email|unique|duplicate/i)
      expect(await db.countUsersByEmail(email)).toBe(1)
      const loser = contenders[results.findIndex((result) => result.status === 'rejected')]!
      expect(await db.user(loser.id)).toBeNull()
    },
    ['createUser'],
  )

  test(
    'deleteUser removes the user with its accounts and sessions, and nobody else',
    async () => {
      const doomed = await createUser()
      const bystander = await createUser()
      const doomedAccount = newAccount(doomed.id)
      const bystanderAccount = newAccount(bystander.id)
      await method('linkAccount')(doomedAccount)
      await method('linkAccount')(bystanderAccount)
      const doomedSession = await createSession(doomed.id)
      const bystanderSession = await createSession(bystander.id)

      await method('deleteUser')(doomed.id)

      expect(await db.user(doomed.id)).toBeNull()
      expect(await method('getUser')(doomed.id)).toBeNull()
      expect(await db.account(doomedAccount.provider, doomedAccount.providerAccountId)).toBeNull()
      expect(await db.session(doomedSession.sessionToken)).toBeNull()
      expect(await method('getSessionAndUser')(doomedSession.sessionToken)).toBeNull()
      expect(await db.user(bystander.id)).not.toBeNull()
      expect(
        await db.account(bystanderAccount.provider, bystanderAccount.providerAccountId),
      ).not.toBeNull()
      expect(await db.session(bystanderSession.sessionToken)).not.toBeNull()
    },
    ['createUser', 'linkAccount', 'createSession', 'deleteUser', 'getUser', 'getSessionAndUser'],
  )

  strict(
    'deleteUser of an unknown id resolves',
    async () => {
      await expect(
        Promise.resolve().then(() => method('deleteUser')(randomUUID())),
      ).resolves.not.toThrow()
    },
    ['deleteUser'],
  )

  test(
    'results are copies: mutating one changes no stored row',
    async () => {
      const created = await createUser()
      created.name = 'Mutated'
      const read = await method('getUser')(created.id)
      expect(read?.name).toBe('Ada Lovelace')
      read!.name = 'Mutated again'
      expect((await method('getUser')(created.id))?.name).toBe('Ada Lovelace')
    },
    ['createUser', 'getUser'],
  )

  test(
    'unicode and long values round-trip unchanged',
    async () => {
      const name = 'Zoë Ångström 李小龍 🚀 '.repeat(8).trim()
      const email = `zoë.ångström+${randomUUID()}@exämple.com`
      const created = await createUser({ name, email })
      const read = await method('getUserByEmail')(email)
      expect(read?.id).toBe(created.id)
      expect(read?.name).toBe(name)
      expect(read?.email).toBe(email)
    },
    ['createUser', 'getUserByEmail'],
  )
}
