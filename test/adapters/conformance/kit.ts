/**
 * The helpers every part of the conformance suite uses: adapter methods that name a missing
 * one, `it` variants that honour unimplemented methods and expected failures, and row factories.
 *
 * @module
 */
import { randomUUID } from 'node:crypto'
import { it } from 'vitest'
import type {
  Adapter,
  AdapterAccount,
  AdapterSession,
  AdapterUser,
} from '../../../src/core/adapter.js'
import type { ConformanceDb, ConformanceOptions, ConformanceTest } from './types.js'

type Body = () => Promise<void>

/** What a part of the suite registers its tests with. */
export interface ConformanceKit {
  db: ConformanceDb
  /** An adapter method, bound; tests of missing methods are skipped before they call this. */
  method<K extends keyof Adapter>(key: K): NonNullable<Adapter[K]>
  /** A test of the stricter Gatehouse contract, which an adapter may be marked as failing. */
  strict(test: ConformanceTest, body: Body, needs: Array<keyof Adapter>): void
  /** A test every adapter must pass. */
  test(title: string, body: Body, needs: Array<keyof Adapter>): void
  newUser(fields?: Partial<AdapterUser>): AdapterUser
  createUser(fields?: Partial<AdapterUser>): Promise<AdapterUser>
  newAccount(userId: string, fields?: Partial<AdapterAccount>): AdapterAccount
  createSession(userId: string, expires?: Date): Promise<AdapterSession>
}

/** The kit for one adapter under test. */
export function createKit(options: ConformanceOptions): ConformanceKit {
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
    await method('createUser')(newUser(fields))
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
  const createSession = async (userId: string, expires = new Date('2032-01-02T03:04:05.678Z')) =>
    await method('createSession')({ sessionToken: randomUUID(), userId, expires })

  return { db: options.db, method, strict, test, newUser, createUser, newAccount, createSession }
}
