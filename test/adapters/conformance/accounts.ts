/**
 * Conformance tests of accounts: link, read, unlink, unique accounts, the two Gatehouse extensions.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { AdapterAccount } from '../../../src/core/adapter.js'
import type { ConformanceKit } from './kit.js'

/** Registers the tests of this part of the contract. */
export function registerAccountTests({
  db,
  method,
  strict,
  test,
  createUser,
  newAccount,
}: ConformanceKit): void {
  test(
    'linkAccount stores every token field; getAccount returns them',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id)
      await method('linkAccount')(account)
      const read = await method('getAccount')(account.providerAccountId, account.provider)
      expect(read).toMatchObject(account)
      expect(typeof read?.expires_at).toBe('number')
    },
    ['createUser', 'linkAccount', 'getAccount'],
  )

  test(
    'linkAccount with only the required fields',
    async () => {
      const user = await createUser()
      const account: AdapterAccount = {
        userId: user.id,
        type: 'oauth',
        provider: 'minimal',
        providerAccountId: randomUUID(),
      }
      await method('linkAccount')(account)
      const read = await method('getAccount')(account.providerAccountId, account.provider)
      expect(read).toMatchObject(account)
      expect(read?.access_token ?? null).toBeNull()
      expect(read?.expires_at ?? null).toBeNull()
    },
    ['createUser', 'linkAccount', 'getAccount'],
  )

  test(
    'a 4 KB access token, an 8 KB ID token and unicode scope round-trip',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id, {
        access_token: 'a'.repeat(4096),
        id_token: `${'eyJ'.repeat(2730)}.é`,
        refresh_token: 'r'.repeat(2048),
        scope: 'openid profil€ 読み取り',
      })
      await method('linkAccount')(account)
      const read = await method('getAccount')(account.providerAccountId, account.provider)
      expect(read?.access_token).toBe(account.access_token)
      expect(read?.id_token).toBe(account.id_token)
      expect(read?.refresh_token).toBe(account.refresh_token)
      expect(read?.scope).toBe(account.scope)
    },
    ['createUser', 'linkAccount', 'getAccount'],
  )

  strict(
    'linkAccount keeps the known columns of a token set with extra fields',
    async () => {
      // Some providers return more than the standard token fields (Keycloak, Entra ID).
      const user = await createUser()
      const account = newAccount(user.id)
      const extended = { ...account, refresh_expires_in: 1800, ext_expires_in: 3600 }
      await method('linkAccount')(extended)
      const read = await method('getAccount')(account.providerAccountId, account.provider)
      expect(read).toMatchObject(account)
    },
    ['createUser', 'linkAccount', 'getAccount'],
  )

  test(
    'getAccount: null when absent, and provider and providerAccountId both count',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id, { provider: 'first' })
      await method('linkAccount')(account)
      expect(await method('getAccount')(randomUUID(), 'first')).toBeNull()
      expect(await method('getAccount')(account.providerAccountId, 'second')).toBeNull()
      expect((await method('getAccount')(account.providerAccountId, 'first'))?.userId).toBe(user.id)
    },
    ['createUser', 'linkAccount', 'getAccount'],
  )

  test(
    'getUserByAccount: the linked user, or null',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id)
      expect(
        await method('getUserByAccount')({
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        }),
      ).toBeNull()
      await method('linkAccount')(account)
      const read = await method('getUserByAccount')({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
      })
      expect(read?.id).toBe(user.id)
      expect(read?.email).toBe(user.email)
    },
    ['createUser', 'linkAccount', 'getUserByAccount'],
  )

  test(
    'unlinkAccount removes the account and only that one',
    async () => {
      const user = await createUser()
      const removed = newAccount(user.id)
      const kept = newAccount(user.id)
      await method('linkAccount')(removed)
      await method('linkAccount')(kept)
      const key = { provider: removed.provider, providerAccountId: removed.providerAccountId }
      await method('unlinkAccount')(key)
      expect(await db.account(removed.provider, removed.providerAccountId)).toBeNull()
      expect(await method('getUserByAccount')(key)).toBeNull()
      expect(await db.account(kept.provider, kept.providerAccountId)).not.toBeNull()
      expect(await db.user(user.id)).not.toBeNull()
    },
    ['createUser', 'linkAccount', 'unlinkAccount', 'getUserByAccount'],
  )

  strict(
    'unlinkAccount of an unknown account resolves',
    async () => {
      await expect(
        Promise.resolve().then(() =>
          method('unlinkAccount')({ provider: 'example', providerAccountId: randomUUID() }),
        ),
      ).resolves.not.toThrow()
    },
    ['unlinkAccount'],
  )

  test(
    'linking the same provider account twice rejects',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id)
      await method('linkAccount')(account)
      await expect(
        Promise.resolve().then(() => method('linkAccount')({ ...account })),
      ).rejects.toThrow()
    },
    ['createUser', 'linkAccount'],
  )

  strict(
    'a constraint error does not repeat the tokens of the write',
    async () => {
      const user = await createUser()
      const canary = `canary-${randomUUID()}`
      const account = newAccount(user.id, { access_token: canary, refresh_token: canary })
      await method('linkAccount')({ ...account, access_token: 'first', refresh_token: 'first' })
      const error: unknown = await Promise.resolve()
        .then(() => method('linkAccount')(account))
        .then(
          () => new Error('linkAccount accepted a duplicate'),
          (rejection: unknown) => rejection,
        )
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).not.toBe('linkAccount accepted a duplicate')
      // Neither the message nor anything a logger may print of its causes holds a token.
      for (let current: unknown = error; current instanceof Error; current = current.cause) {
        const printed = Object.entries(current).map(([key, value]) => `${key}=${String(value)}`)
        expect([current.message, ...printed].join('\n')).not.toContain(canary)
      }
    },
    ['createUser', 'linkAccount'],
  )

  strict(
    'unique account under concurrency: one linkAccount succeeds',
    async () => {
      const first = await createUser()
      const second = await createUser()
      const providerAccountId = randomUUID()
      const contenders = [first, second].map((user) => newAccount(user.id, { providerAccountId }))
      const results = await Promise.allSettled(
        contenders.map((account) => Promise.resolve().then(() => method('linkAccount')(account))),
      )
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
      const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')]!
      const row = await db.account('example', providerAccountId)
      expect(row?.userId).toBe(winner.userId)
    },
    ['createUser', 'linkAccount'],
  )

  strict(
    'linkAccount for an unknown user rejects',
    async () => {
      const account = newAccount(randomUUID())
      await expect(Promise.resolve().then(() => method('linkAccount')(account))).rejects.toThrow()
      expect(await db.account(account.provider, account.providerAccountId)).toBeNull()
    },
    ['linkAccount'],
  )

  test(
    'listAccountsByUserId: the user’s accounts, none of another’s, [] for none',
    async () => {
      const user = await createUser()
      const other = await createUser()
      const accounts = [newAccount(user.id, { provider: 'a' }), newAccount(user.id)]
      for (const account of accounts) await method('linkAccount')(account)
      await method('linkAccount')(newAccount(other.id))
      const listed = await method('listAccountsByUserId')(user.id)
      expect(listed.map((account) => account.providerAccountId).sort()).toEqual(
        accounts.map((account) => account.providerAccountId).sort(),
      )
      expect(listed.every((account) => account.userId === user.id)).toBe(true)
      expect(await method('listAccountsByUserId')(randomUUID())).toEqual([])
    },
    ['createUser', 'linkAccount', 'listAccountsByUserId'],
  )

  test(
    'updateAccount changes the given token fields in place; null when absent',
    async () => {
      const user = await createUser()
      const account = newAccount(user.id)
      await method('linkAccount')(account)
      const updated = await method('updateAccount')({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        access_token: 'rotated-access',
        refresh_token: 'rotated-refresh',
        expires_at: 2_100_000_000,
      })
      expect(updated).toMatchObject({
        ...account,
        access_token: 'rotated-access',
        refresh_token: 'rotated-refresh',
        expires_at: 2_100_000_000,
      })
      const read = await method('getAccount')(account.providerAccountId, account.provider)
      expect(read).toMatchObject({ access_token: 'rotated-access', scope: account.scope })
      expect(
        await method('updateAccount')({ provider: 'example', providerAccountId: randomUUID() }),
      ).toBeNull()
    },
    ['createUser', 'linkAccount', 'updateAccount', 'getAccount'],
  )
}
