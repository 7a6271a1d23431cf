/**
 * The adapter conformance suite: one set of tests that every adapter, on every database it
 * supports, must pass. It checks each method of the contract with its empty and edge cases,
 * cascade deletes, unique constraints under concurrent writes, single-use verification tokens
 * under concurrency, date precision, unicode and long values, errors that keep tokens out of
 * logs, custom user fields and the two Gatehouse extensions. Rows are checked through `db`,
 * which reads the database directly, so a method cannot pass by agreeing with itself.
 *
 * @module
 */
import { afterAll, beforeAll, describe } from 'vitest'
import { registerAccountTests } from './conformance/accounts.js'
import { registerCustomUserFieldTests } from './conformance/custom-user-fields.js'
import { createKit } from './conformance/kit.js'
import { registerSessionTests } from './conformance/sessions.js'
import type { ConformanceOptions } from './conformance/types.js'
import { registerUserTests } from './conformance/users.js'
import { registerVerificationTokenTests } from './conformance/verification-tokens.js'

export type * from './conformance/types.js'

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
  const kit = createKit(options)

  describe(`adapter conformance: ${name}`, () => {
    beforeAll(async () => {
      await options.setup?.()
    })
    afterAll(async () => {
      await options.teardown?.()
    })

    describe('users', () => registerUserTests(kit))
    describe('accounts', () => registerAccountTests(kit))
    describe('sessions', () => registerSessionTests(kit))
    describe('verification tokens', () => registerVerificationTokenTests(kit))
    describe.runIf(options.customUserFields)('custom user fields (role, bio)', () =>
      registerCustomUserFieldTests(kit),
    )
  })
}
