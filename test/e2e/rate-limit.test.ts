import { randomUUID } from 'node:crypto'
import Redis from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAdapter } from '../../src/adapters/memory.js'
import { RedisRateLimitStore } from '../../src/adapters/redis.js'
import { Auth } from '../../src/core/index.js'
import { MemoryRateLimitStore } from '../../src/core/rate-limit.js'
import type { AuthOptions, RateLimitStore } from '../../src/core/types.js'
import CredentialsProvider from '../../src/providers/credentials.js'
import { CookieClient, serve } from '../helpers/http.js'

const redisUrl = 'redis://127.0.0.1:6379'
const clients: Redis[] = []
function redis(): Redis {
  const client = new Redis(redisUrl)
  clients.push(client)
  return client
}
afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()))
})
async function reachable(): Promise<boolean> {
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  try {
    await probe.connect()
    await probe.quit()
    return true
  } catch {
    probe.disconnect()
    return false
  }
}
const redisUp = await reachable()

function credentialsOptions(store: RateLimitStore): AuthOptions {
  return {
    secret: 'rate-limit-test-secret',
    trustHost: true,
    rateLimit: { window: 60, max: 3, store },
    providers: [
      CredentialsProvider({
        credentials: {
          username: { label: 'User' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: async (credentials) =>
          credentials?.password === 'right'
            ? { id: credentials.username, name: credentials.username }
            : null,
      }),
    ],
  }
}

async function attempt(client: CookieClient, username: string, ip: string, password = 'wrong') {
  const csrfToken = await client.csrfToken()
  return client.post(
    '/api/auth/callback/credentials',
    { csrfToken, username, password, json: 'true' },
    { 'x-forwarded-for': ip },
  )
}

function suite(name: string, makeStore: () => RateLimitStore, skip = false) {
  describe.skipIf(skip)(`rate limits with the ${name} store`, () => {
    let server: Awaited<ReturnType<typeof serve>>
    let options: AuthOptions
    beforeAll(async () => {
      options = credentialsOptions(makeStore())
      server = await serve((request) => Auth(request, options))
    })
    afterAll(() => server.close())

    it('answers 429 with Retry-After once one identifier is over the limit, from any IP', async () => {
      const client = new CookieClient(server.url)
      const user = `user-${randomUUID()}`
      for (let index = 0; index < 3; index++) {
        const response = await attempt(client, user, `10.0.0.${index}`)
        expect(response.status).toBe(401)
      }
      const limited = await attempt(client, user, '10.0.0.99', 'right')
      expect(limited.status).toBe(429)
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await limited.json()).toMatchObject({ error: 'RateLimited' })
      expect(client.cookies.has('next-auth.session-token')).toBe(false)
    })

    it('limits one IP trying many identifiers', async () => {
      const client = new CookieClient(server.url)
      const ip = `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID()}`
      for (let index = 0; index < 3; index++) {
        expect((await attempt(client, `someone-${randomUUID()}`, ip)).status).toBe(401)
      }
      expect((await attempt(client, `someone-${randomUUID()}`, ip)).status).toBe(429)
    })

    it('lets a fresh identifier from a fresh IP through and signs it in', async () => {
      const client = new CookieClient(server.url)
      const response = await attempt(
        client,
        `fresh-${randomUUID()}`,
        `198.51.100.${randomUUID()}`,
        'right',
      )
      expect(response.status).toBe(200)
      expect(client.cookies.has('next-auth.session-token')).toBe(true)
    })

    it('renders a 429 page for a browser form post', async () => {
      const client = new CookieClient(server.url)
      const user = `form-${randomUUID()}`
      for (let index = 0; index < 3; index++) await attempt(client, user, `203.0.113.${index}`)
      const csrfToken = await client.csrfToken()
      const response = await client.post('/api/auth/callback/credentials', {
        csrfToken,
        username: user,
        password: 'x',
      })
      expect(response.status).toBe(429)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(response.headers.get('retry-after')).toBeTruthy()
    })
  })
}

suite('memory', () => new MemoryRateLimitStore())
suite(
  'Redis',
  () => new RedisRateLimitStore(redis(), { prefix: `test:${randomUUID()}:` }),
  !redisUp && !process.env.CI,
)

describe.skipIf(!redisUp && !process.env.CI)('RedisRateLimitStore', () => {
  it('shares one counter between two instances and expires it with the window', async () => {
    const prefix = `test:${randomUUID()}:`
    const first = new RedisRateLimitStore(redis(), { prefix })
    const second = new RedisRateLimitStore(redis(), { prefix })
    expect((await first.hit('k', 1)).count).toBe(1)
    expect((await second.hit('k', 1)).count).toBe(2)
    const { resetAt } = await first.hit('k', 1)
    expect(resetAt).toBeGreaterThan(Date.now())
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await second.hit('k', 1)).count).toBe(1)
  })

  it('keeps counters of the email route apart from the credentials route', async () => {
    const store = new RedisRateLimitStore(redis(), { prefix: `test:${randomUUID()}:` })
    const options: AuthOptions = {
      secret: 'rate-limit-email-secret',
      adapter: MemoryAdapter(),
      rateLimit: { max: 1, store },
      providers: [
        {
          id: 'email',
          name: 'Email',
          type: 'email',
          sendVerificationRequest: async () => {},
        },
      ],
    }
    const server = await serve((request) => Auth(request, options))
    try {
      const client = new CookieClient(server.url)
      const send = async () =>
        client.post('/api/auth/signin/email', {
          csrfToken: await client.csrfToken(),
          email: 'a@example.test',
          json: 'true',
        })
      expect((await send()).status).toBe(200)
      expect((await send()).status).toBe(429)
    } finally {
      await server.close()
    }
  })
})
