/**
 * Where the official Auth.js adapters differ from the stricter Gatehouse contract, as the
 * conformance suite finds on real databases. Each entry runs as an expected failure, so the
 * suite notices the day an adapter changes.
 *
 * @module
 */
import type { Adapter } from '../../src/core/adapter.js'
import type { ConformanceTest } from './conformance.js'

/** The two Gatehouse extensions, which Auth.js adapters do not have. */
export const AUTHJS_UNIMPLEMENTED: Array<keyof Adapter> = ['listAccountsByUserId', 'updateAccount']

/** `@auth/prisma-adapter` 2.11 with a Prisma 7 client. */
export const AUTHJS_PRISMA_DIFFERENCES: Partial<Record<ConformanceTest, string>> = {
  'createUser keeps the id the engine chose':
    'drops the id and lets Prisma generate one (the engine must use the returned id)',
  'deleteUser of an unknown id resolves': 'prisma.user.delete rejects with P2025',
  'unlinkAccount of an unknown account resolves': 'prisma.account.delete rejects with P2025',
  'updateSession of an unknown token resolves to null': 'prisma.session.update rejects with P2025',
  'deleteSession of an unknown token resolves': 'prisma.session.delete rejects with P2025',
  'linkAccount keeps the known columns of a token set with extra fields':
    'passes the token set to prisma.account.create as it is: one field without a column ' +
    '(Keycloak refresh_expires_in, Entra ID ext_expires_in) rejects the write, and the ' +
    "validation error's message prints every token",
}

const LEAKS =
  'passes Drizzle query errors on, whose message is the SQL with its parameters: a duplicate ' +
  'account puts its access and refresh tokens in the error message, and so in logs'

/** `@auth/drizzle-adapter` 1.11 with the Gatehouse default tables, per dialect. */
export const AUTHJS_DRIZZLE_DIFFERENCES: Record<
  'pg' | 'mysql' | 'sqlite',
  Partial<Record<ConformanceTest, string>>
> = {
  pg: {
    'a constraint error does not repeat the tokens of the write': LEAKS,
  },
  mysql: {
    'a constraint error does not repeat the tokens of the write': LEAKS,
    'concurrent useVerificationToken: exactly one caller gets the row':
      'reads the token, then deletes it, and returns the row it read without checking that its ' +
      'own DELETE removed it: several concurrent callers all get the same single-use token',
    'createVerificationToken returns the token it stored, not another of the identifier':
      'reads the row back by identifier alone, so it may return an older token of the address',
  },
  sqlite: {},
}
