/**
 * Conformance tests of database sessions: create, read with the user, update, delete.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { ConformanceKit } from './kit.js'

/** Registers the tests of this part of the contract. */
export function registerSessionTests({
  db,
  method,
  strict,
  test,
  createUser,
  createSession,
}: ConformanceKit): void {
  test(
    'createSession returns the session, expiry to the millisecond',
    async () => {
      const user = await createUser()
      const expires = new Date('2032-01-02T03:04:05.678Z')
      const session = await createSession(user.id, expires)
      expect(session.userId).toBe(user.id)
      expect(session.expires).toBeInstanceOf(Date)
      expect(session.expires.getTime()).toBe(expires.getTime())
    },
    ['createUser', 'createSession'],
  )

  test(
    'getSessionAndUser: the session with its user, or null for an unknown token',
    async () => {
      const user = await createUser()
      const session = await createSession(user.id)
      const found = await method('getSessionAndUser')(session.sessionToken)
      expect(found?.session).toMatchObject({
        sessionToken: session.sessionToken,
        userId: user.id,
        expires: session.expires,
      })
      expect(found?.session).not.toHaveProperty('user')
      expect(found?.user).toMatchObject({ id: user.id, email: user.email, name: user.name })
      expect(found?.user.emailVerified?.getTime()).toBe(user.emailVerified?.getTime())
      expect(await method('getSessionAndUser')(randomUUID())).toBeNull()
    },
    ['createUser', 'createSession', 'getSessionAndUser'],
  )

  test(
    'getSessionAndUser returns an expired session as it is (the engine decides)',
    async () => {
      const user = await createUser()
      const expires = new Date(Date.now() - 60_000)
      const session = await createSession(user.id, expires)
      const found = await method('getSessionAndUser')(session.sessionToken)
      expect(found?.session.expires.getTime()).toBe(expires.getTime())
    },
    ['createUser', 'createSession', 'getSessionAndUser'],
  )

  test(
    'updateSession moves the expiry and returns the session',
    async () => {
      const user = await createUser()
      const session = await createSession(user.id)
      const expires = new Date('2034-04-04T04:04:04.444Z')
      const updated = await method('updateSession')({
        sessionToken: session.sessionToken,
        expires,
      })
      expect(updated?.expires.getTime()).toBe(expires.getTime())
      expect(updated?.userId).toBe(user.id)
      const found = await method('getSessionAndUser')(session.sessionToken)
      expect(found?.session.expires.getTime()).toBe(expires.getTime())
    },
    ['createUser', 'createSession', 'updateSession', 'getSessionAndUser'],
  )

  strict(
    'updateSession of an unknown token resolves to null',
    async () => {
      const result = await Promise.resolve().then(() =>
        method('updateSession')({ sessionToken: randomUUID(), expires: new Date() }),
      )
      expect(result ?? null).toBeNull()
    },
    ['updateSession'],
  )

  test(
    'deleteSession removes the session and leaves the user',
    async () => {
      const user = await createUser()
      const session = await createSession(user.id)
      const other = await createSession(user.id)
      await method('deleteSession')(session.sessionToken)
      expect(await db.session(session.sessionToken)).toBeNull()
      expect(await method('getSessionAndUser')(session.sessionToken)).toBeNull()
      expect(await db.session(other.sessionToken)).not.toBeNull()
      expect(await db.user(user.id)).not.toBeNull()
    },
    ['createUser', 'createSession', 'deleteSession', 'getSessionAndUser'],
  )

  strict(
    'deleteSession of an unknown token resolves',
    async () => {
      await expect(
        Promise.resolve().then(() => method('deleteSession')(randomUUID())),
      ).resolves.not.toThrow()
    },
    ['deleteSession'],
  )

  strict(
    'createSession for an unknown user rejects',
    async () => {
      const sessionToken = randomUUID()
      await expect(
        Promise.resolve().then(() =>
          method('createSession')({ sessionToken, userId: randomUUID(), expires: new Date() }),
        ),
      ).rejects.toThrow()
      expect(await db.session(sessionToken)).toBeNull()
    },
    ['createSession'],
  )
}
