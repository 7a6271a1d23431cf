import { randomUUID } from 'node:crypto'

import type { Adapter, AdapterUser } from 'gatehouse/core'
import { MemoryAdapter, createMemoryStore } from 'gatehouse/adapters/memory'

import { demoUsers } from './demo-users'

type DemoAdapter = Adapter & Required<Pick<Adapter, 'getUser' | 'getUserByEmail' | 'updateUser' | 'createUser'>>

interface DemoDatabase {
  adapter: DemoAdapter
  ready: Promise<void>
}

/** Creates the adapter and seeds the demo users once. */
function openDatabase(): DemoDatabase {
  const adapter = MemoryAdapter(createMemoryStore()) as DemoAdapter
  const ready = seed(adapter)
  return { adapter, ready }
}

/** Adds the demo users that are missing. */
async function seed(adapter: DemoAdapter): Promise<void> {
  for (const user of demoUsers) {
    if (await adapter.getUserByEmail(user.email)) continue
    await adapter.createUser({
      id: randomUUID(),
      email: user.email,
      name: user.name,
      emailVerified: new Date(),
      image: null,
      role: user.role,
      bio: user.bio,
    } as AdapterUser)
  }
}

// Route bundles of a Next build may each load this module; one database serves them all.
const globalForDb = globalThis as typeof globalThis & { gatehouseDemoDb?: DemoDatabase }
const database = (globalForDb.gatehouseDemoDb ??= openDatabase())

/** The adapter the auth options use, also the demo's way to read and change users. */
export const adapter: DemoAdapter = database.adapter

/** Resolves when the demo users exist. */
export const databaseReady: Promise<void> = database.ready
