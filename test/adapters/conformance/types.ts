/**
 * The types of the adapter conformance suite: what a runner passes in, and the names of the
 * tests an adapter may be marked as known to fail.
 *
 * @module
 */
import type { Adapter } from '../../../src/core/adapter.js'

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
