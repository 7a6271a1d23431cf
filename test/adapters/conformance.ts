/**
 * The adapter conformance suite: one set of tests that every adapter, on every database it
 * supports, must pass. It checks each method of the contract with its empty and edge cases,
 * cascade deletes, unique constraints under concurrent writes, single-use verification tokens
 * under concurrency, date precision, unicode and long values, custom user fields and the two
 * Gatehouse extensions. Rows are checked through `db`, which reads the database directly, so a
 * method cannot pass by agreeing with itself.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  Adapter,
  AdapterAccount,
  AdapterUser,
  VerificationToken,
} from '../../src/core/adapter.js'

/** Reads rows without going through the adapter. Each returns null when the row is absent. */
export interface ConformanceDb {
  user(id: string): Promise<object | null>
  /** How many users have this email. */
  countUsersByEmail(email: string): Promise<number>
  /** The account row, with its owner's id under `userId` whatever the column is named. */
  account(provider: string, providerAccountId: string): Promise<{ userId: string } | null>
  session(sessionToken: string): Promise<object | null>
  verificationToken(identifier: string, token: string): Promise<object | null>
}

/** A test name of this suite, used to mark the tests an adapter is known to fail. */
export type ConformanceTest =
  | 'createUser keeps the id the engine chose'
  | 'deleteUser of an unknown id resolves'
  | 'unlinkAccount of an unknown account resolves'
  | 'updateSession of an unknown token resolves to null'
  | 'deleteSession of an unknown token resolves'
  | 'concurrent useVerificationToken: exactly one caller gets the row'
  | 'createVerificationToken returns the token it stored, not another of the identifier'
  | 'unique email under concurrency: one createUser succeeds, no partial rows'
  | 'unique account under concurrency: one linkAccount succeeds'
  | 'createSession for an unknown user rejects'
  | 'linkAccount for an unknown user rejects'
  | 'a constraint error does not repeat the tokens of the write'
  | 'linkAccount keeps the known columns of a token set with extra fields'

/** What {@link runAdapterConformance} needs to know about the adapter under test. */
export interface ConformanceOptions {
  /** The adapter, read after `setup` has run. */
  adapter: () => Adapter
  db: ConformanceDb
  setup?: () => Promise<void>
  teardown?: () => Promise<void>
  /** The user table has `role` (USER, ADMIN, MODERATOR) and `bio` columns. */
  customUserFields?: boolean
  /** Optional methods the adapter does not implement; their tests are skipped and say so. */
  unimplemented?: Array<keyof Adapter>
  /**
   * Tests this adapter is known to fail, with the reason. They run as `it.fails`: the suite
   * stays green while they fail and turns red the day they start passing.
   */
  expectedFailures?: Partial<Record<ConformanceTest, string>>
}

/**
 * Registers the conformance suite for one adapter on one database.
 *
 * @example
 * ```ts
 * const store = createMemoryStore()
 * runAdapterConformance('memory', { adapter: () => MemoryAdapter(store), db: memoryDb(store) })
 * ```
 */
export function runAdapterConformance(name: string, options: ConformanceOptions): void {
  const { db } = options
  const unimplemented = new Set(options.unimplemented ?? [])

  /** An adapter method, typed as present: tests of missing methods are skipped before this. */
  const method = <K extends keyof Adapter>(key: K): NonNullable<Adapter[K]> => {
    const adapter = options.adapter()
    const fn = adapter[key]
    if (typeof fn !== 'function') throw new Error(`The adapter has no ${key} method.`)
    return fn.bind(adapter) as NonNullable<Adapter[K]>
  }

  /** `it`, or `it.fails` when the adapter is known to fail this test. */
  const strict = (
    test: ConformanceTest,
    body: () => Promise<void>,
    needs: Array<keyof Adapter>,
  ) => {
    const missing = needs.filter((key) => unimplemented.has(key))
    if (missing.length > 0) return it.skip(`${test} (not implemented: ${missing.join(', ')})`, body)
    const reason = options.expectedFailures?.[test]
    if (reason) return it.fails(`${test} [expected difference: ${reason}]`, body)
    return it(test, body)
  }
  const test = (title: string, body: () => Promise<void>, needs: Array<keyof Adapter>) => {
    const missing = needs.filter((key) => unimplemented.has(key))
    if (missing.length > 0)
      return it.skip(`${title} (not implemented: ${missing.join(', ')})`, body)
    return it(title, body)
  }

  const newUser = (fields: Partial<AdapterUser> = {}): AdapterUser => {
    const id = randomUUID()
    return {
      id,
      name: 'Ada Lovelace',
      email: `ada-${id}@example.com`,
      emailVerified: new Date('2031-05-06T07:08:09.123Z'),
      image: 'https://example.com/ada.png',
      ...fields,
    }
  }
  const createUser = async (fields: Partial<AdapterUser> = {}) =>
    method('createUser')(newUser(fields))
  const newAccount = (userId: string, fields: Partial<AdapterAccount> = {}): AdapterAccount => ({
    userId,
    type: 'oidc',
    provider: 'example',
    providerAccountId: randomUUID(),
    access_token: 'access-token',
    refresh_token: 'refresh-token',
    expires_at: 2_000_000_000,
    token_type: 'bearer',
    scope: 'openid email profile',
    id_token: 'id-token',
    session_state: 'state-1',
    ...fields,
  })
  const createSession = (userId: string, expires = new Date('2032-01-02T03:04:05.678Z')) =>
    method('createSession')({ sessionToken: randomUUID(), userId, expires })

  describe(`adapter conformance: ${name}`, () => {
    beforeAll(async () => {
      await options.setup?.()
    })
    afterAll(async () => {
      await options.teardown?.()
    })

    describe('users', () => {
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
            Promise.resolve().then(() =>
              method('updateUser')({ id: second.id, email: first.email }),
            ),
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
          await expect(
            Promise.resolve().then(() => method('createUser')(duplicate)),
          ).rejects.toThrow(/email|unique|duplicate/i)
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
          expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(
            /email|unique|duplicate/i,
          )
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
          expect(
            await db.account(doomedAccount.provider, doomedAccount.providerAccountId),
          ).toBeNull()
          expect(await db.session(doomedSession.sessionToken)).toBeNull()
          expect(await method('getSessionAndUser')(doomedSession.sessionToken)).toBeNull()
          expect(await db.user(bystander.id)).not.toBeNull()
          expect(
            await db.account(bystanderAccount.provider, bystanderAccount.providerAccountId),
          ).not.toBeNull()
          expect(await db.session(bystanderSession.sessionToken)).not.toBeNull()
        },
        [
          'createUser',
          'linkAccount',
          'createSession',
          'deleteUser',
          'getUser',
          'getSessionAndUser',
        ],
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
    })

    describe('accounts', () => {
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
          expect((await method('getAccount')(account.providerAccountId, 'first'))?.userId).toBe(
            user.id,
          )
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
          const contenders = [first, second].map((user) =>
            newAccount(user.id, { providerAccountId }),
          )
          const results = await Promise.allSettled(
            contenders.map((account) =>
              Promise.resolve().then(() => method('linkAccount')(account)),
            ),
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
          await expect(
            Promise.resolve().then(() => method('linkAccount')(account)),
          ).rejects.toThrow()
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
    })

    describe('sessions', () => {
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
    })

    describe('verification tokens', () => {
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
            const rows = results.map((result) =>
              result.status === 'fulfilled' ? result.value : null,
            )
            expect(rows.filter((row) => row !== null)).toHaveLength(1)
            expect(await db.verificationToken(token.identifier, token.token)).toBeNull()
          }
        },
        ['createVerificationToken', 'useVerificationToken'],
      )
    })

    describe.runIf(options.customUserFields)('custom user fields (role, bio)', () => {
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
    })
  })
}
