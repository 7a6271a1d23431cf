/**
 * The NextAuth.js integration guide writes its options as untyped object literals, where
 * TypeScript widens `strategy: 'database'` to `string`. With only the specifiers changed, such
 * an object must still be accepted by `NextAuth(...)`.
 */
import { expectTypeOf, it } from 'vitest'
import NextAuth from '../src/index.js'
import { MemoryAdapter } from '../src/adapters/memory.js'

it("accepts the guide's untyped database-session options object", () => {
  const authOptions = {
    adapter: MemoryAdapter(),
    providers: [],
    session: {
      strategy: 'database',
      maxAge: 30 * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
    },
    secret: 'guide-secret',
  }
  expectTypeOf(authOptions.session.strategy).toEqualTypeOf<string>()
  const handler = NextAuth(authOptions)
  expectTypeOf(handler).toBeFunction()
})
