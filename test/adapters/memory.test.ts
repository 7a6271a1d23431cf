import { createMemoryStore, MemoryAdapter } from '../../src/adapters/memory.js'
import { runAdapterConformance } from './conformance.js'

const store = createMemoryStore()
const adapter = MemoryAdapter(store)

runAdapterConformance('memory', {
  adapter: () => adapter,
  customUserFields: true,
  db: {
    user: async (id) => store.users.get(id) ?? null,
    countUsersByEmail: async (email) =>
      [...store.users.values()].filter((user) => user.email === email).length,
    account: async (provider, providerAccountId) =>
      [...store.accounts.values()].find(
        (account) =>
          account.provider === provider && account.providerAccountId === providerAccountId,
      ) ?? null,
    session: async (sessionToken) => store.sessions.get(sessionToken) ?? null,
    verificationToken: async (identifier, token) =>
      [...store.verificationTokens.values()].find(
        (row) => row.identifier === identifier && row.token === token,
      ) ?? null,
  },
})
