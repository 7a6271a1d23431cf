import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRogueIdp, type RogueIdp } from '../../../test/fixtures/oidc/rogue-idp.js'
import { MemoryAdapter, createMemoryStore } from '../../adapters/memory.js'
import type { Adapter } from '../adapter.js'
import { RefreshAccessTokenError } from '../errors.js'
import type { InternalOAuthProvider } from '../internal.js'
import type { AuthOptions, JWT, OAuthConfig } from '../types.js'
import { needsRefresh, refreshAccessToken } from './refresh.js'
import { oauthTokenClaim, refreshDatabaseAccounts, refreshJwtTokens } from './refresh-session.js'
import { testContext } from './test-context.js'

let idp: RogueIdp
beforeAll(async () => {
  idp = await startRogueIdp()
})
afterAll(() => idp.close())

function corp(extra: Partial<OAuthConfig> = {}): OAuthConfig {
  return {
    id: 'corp',
    name: 'Corp',
    type: 'oauth',
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    authorization: `${idp.issuer}/authorize`,
    token: `${idp.issuer}/token`,
    userinfo: `${idp.issuer}/userinfo`,
    refresh: true,
    allowInsecureRequests: true,
    ...extra,
  } as OAuthConfig
}

const now = () => Math.floor(Date.now() / 1000)
const logged: string[] = []
const logger = { error: (code: string) => logged.push(code) }

function context(options: Partial<AuthOptions> = {}, providers = [corp()]) {
  return testContext({ providers, logger, ...options }, 'corp')
}

describe('needsRefresh', () => {
  it('is due within the default 60 s margin, not before', () => {
    const { provider } = context()
    expect(needsRefresh(provider, 1_000, 941)).toBe(true)
    expect(needsRefresh(provider, 1_000, 939)).toBe(false)
  })
  it('follows a provider margin, and never refreshes without opt-in or expiry', () => {
    const { provider } = context()
    const { provider: wide } = context({}, [corp({ refresh: { margin: 600 } })])
    expect(needsRefresh(wide, 1_000, 401)).toBe(true)
    const { provider: off } = context({}, [corp({ refresh: undefined })])
    expect(needsRefresh(off, 0, 1_000)).toBe(false)
    expect(needsRefresh(provider, undefined, 1_000)).toBe(false)
  })
})

describe('refreshAccessToken', () => {
  it('exchanges the refresh token and returns the rotated one with an absolute expiry', async () => {
    const { provider } = context()
    const tokens = await refreshAccessToken(provider, { refresh_token: idp.issueRefreshToken() })
    expect(tokens.access_token).toMatch(/^[0-9a-f]{32}$/)
    expect(tokens.refresh_token).toMatch(/^[0-9a-f]{32}$/)
    expect(tokens.expires_at).toBeGreaterThanOrEqual(now() + 3599)
    expect(tokens.token_type).toBe('bearer')
  })

  it('sends one request for 20 concurrent callers with the same refresh token', async () => {
    const { provider } = context()
    const refreshToken = idp.issueRefreshToken()
    const before = idp.refreshRequests
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        refreshAccessToken(provider, { refresh_token: refreshToken }),
      ),
    )
    expect(idp.refreshRequests - before).toBe(1)
    expect(new Set(results.map((r) => r.access_token)).size).toBe(1)
  })

  it('answers a used refresh token from memory instead of sending it again', async () => {
    const { provider } = context()
    const first = idp.issueRefreshToken()
    const refreshed = await refreshAccessToken(provider, { refresh_token: first })
    const before = idp.refreshRequests
    expect(await refreshAccessToken(provider, { refresh_token: first })).toEqual(refreshed)
    expect(idp.refreshRequests).toBe(before)
  })

  it('follows the rotation chain when the remembered tokens are due themselves', async () => {
    // A margin longer than the tokens live makes every remembered result due at once.
    const { provider } = context({}, [corp({ refresh: { margin: 7200 } })])
    const first = idp.issueRefreshToken()
    const seen = new Set<string>()
    for (let read = 0; read < 3; read++) {
      // Each read presents the first refresh token, as a session that cannot store rotations does.
      const tokens = await refreshAccessToken(provider, { refresh_token: first })
      seen.add(tokens.refresh_token!)
    }
    // Three refreshes, each with the newest refresh token: the provider, which accepts each
    // refresh token once, never refused one.
    expect(seen.size).toBe(3)
  })

  it('fails with RefreshAccessTokenError, the provider answer as cause', async () => {
    const { provider } = context()
    const attempt = refreshAccessToken(provider, { refresh_token: 'unknown-refresh-token' })
    await expect(attempt).rejects.toBeInstanceOf(RefreshAccessTokenError)
    await expect(attempt).rejects.toThrow(/invalid_grant/)
  })
})

describe('refreshJwtTokens', () => {
  const expiredClaim = () => ({
    provider: 'corp',
    access_token: 'old',
    refresh_token: idp.issueRefreshToken(),
    expires_at: now() - 1,
  })

  it('replaces the oauth claim with the refreshed tokens and clears an earlier error', async () => {
    const { ctx } = context()
    const token: JWT = { sub: 'u1', oauth: expiredClaim(), error: 'RefreshAccessTokenError' }
    const refreshed = await refreshJwtTokens(ctx, token)
    expect(refreshed.sub).toBe('u1')
    expect(refreshed.error).toBeUndefined()
    const claim = refreshed.oauth as {
      access_token: string
      refresh_token: string
      expires_at: number
    }
    expect(claim.access_token).not.toBe('old')
    expect(claim.refresh_token).not.toBe((token.oauth as { refresh_token: string }).refresh_token)
    expect(claim.expires_at).toBeGreaterThan(now() + 60)
  })

  it('leaves a token alone when nothing is due or refresh is off for its provider', async () => {
    const { ctx } = context()
    const fresh: JWT = {
      oauth: { provider: 'corp', access_token: 'a', refresh_token: 'r', expires_at: now() + 3600 },
    }
    expect(await refreshJwtTokens(ctx, fresh)).toBe(fresh)
    const foreign: JWT = {
      oauth: { provider: 'unknown', access_token: 'a', refresh_token: 'r', expires_at: 0 },
    }
    expect(await refreshJwtTokens(ctx, foreign)).toBe(foreign)
    const plain: JWT = { sub: 'u1' }
    expect(await refreshJwtTokens(ctx, plain)).toBe(plain)
  })

  it('marks the token with RefreshAccessTokenError on failure and keeps everything else', async () => {
    const { ctx } = context()
    const claim = {
      provider: 'corp',
      access_token: 'old',
      refresh_token: 'revoked',
      expires_at: now() - 1,
    }
    const refreshed = await refreshJwtTokens(ctx, { sub: 'u1', oauth: claim })
    expect(refreshed).toEqual({ sub: 'u1', oauth: claim, error: 'RefreshAccessTokenError' })
    expect(logged.at(-1)).toBe('RefreshAccessTokenError')
  })

  it('marks an expired token without a refresh token', async () => {
    const { ctx } = context()
    const refreshed = await refreshJwtTokens(ctx, {
      oauth: { provider: 'corp', access_token: 'a', expires_at: 0 },
    })
    expect(refreshed.error).toBe('RefreshAccessTokenError')
  })
})

describe('oauthTokenClaim', () => {
  it('is set only for providers that refresh', () => {
    const account = {
      provider: 'corp',
      type: 'oauth' as const,
      providerAccountId: 'p1',
      access_token: 'a',
      refresh_token: 'r',
      expires_at: 5,
    }
    const { provider } = context()
    expect(oauthTokenClaim(provider, account)).toEqual({
      provider: 'corp',
      access_token: 'a',
      refresh_token: 'r',
      expires_at: 5,
    })
    const { provider: off } = context({}, [corp({ refresh: false })])
    expect(oauthTokenClaim(off as InternalOAuthProvider, account)).toBeUndefined()
  })
})

describe('refreshDatabaseAccounts', () => {
  async function seed(adapter: Adapter, refreshToken: string, expiresAt: number) {
    const user = await adapter.createUser!({
      id: crypto.randomUUID(),
      email: `${crypto.randomUUID()}@example.com`,
      emailVerified: null,
    })
    await adapter.linkAccount!({
      userId: user.id,
      provider: 'corp',
      type: 'oauth',
      providerAccountId: `p-${user.id}`,
      access_token: 'old',
      refresh_token: refreshToken,
      expires_at: expiresAt,
      token_type: 'bearer',
    })
    return user.id
  }

  it('refreshes a due account and stores the rotated refresh token with updateAccount', async () => {
    const store = createMemoryStore()
    const { ctx } = context({ adapter: MemoryAdapter(store) })
    const first = idp.issueRefreshToken()
    const userId = await seed(ctx.config.adapter!, first, now() - 1)

    expect(await refreshDatabaseAccounts(ctx, userId)).toEqual({})
    const [row] = await ctx.config.adapter!.listAccountsByUserId!(userId)
    expect(row!.access_token).not.toBe('old')
    expect(row!.refresh_token).not.toBe(first)
    expect(row!.expires_at).toBeGreaterThan(now() + 60)
  })

  it('updates through unlinkAccount and linkAccount when the adapter lacks updateAccount', async () => {
    const memory = MemoryAdapter(createMemoryStore())
    const { updateAccount: _omitted, ...withoutUpdate } = memory
    void _omitted
    const { ctx } = context({ adapter: withoutUpdate })
    const userId = await seed(withoutUpdate, idp.issueRefreshToken(), now() - 1)
    expect(await refreshDatabaseAccounts(ctx, userId)).toEqual({})
    const rows = await withoutUpdate.listAccountsByUserId(userId)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.access_token).not.toBe('old')
  })

  it('calls the token endpoint once for 20 concurrent reads of one account', async () => {
    const { ctx } = context({ adapter: MemoryAdapter(createMemoryStore()) })
    const userId = await seed(ctx.config.adapter!, idp.issueRefreshToken(), now() - 1)
    const before = idp.refreshRequests
    const results = await Promise.all(
      Array.from({ length: 20 }, () => refreshDatabaseAccounts(ctx, userId)),
    )
    expect(results.every((result) => result.error === undefined)).toBe(true)
    expect(idp.refreshRequests - before).toBe(1)
  })

  it('reports a failed refresh and leaves the account row as it was', async () => {
    const { ctx } = context({ adapter: MemoryAdapter(createMemoryStore()) })
    const userId = await seed(ctx.config.adapter!, 'revoked', now() - 1)
    const before = await ctx.config.adapter!.listAccountsByUserId!(userId)
    expect(await refreshDatabaseAccounts(ctx, userId)).toEqual({ error: 'RefreshAccessTokenError' })
    expect(await ctx.config.adapter!.listAccountsByUserId!(userId)).toEqual(before)
  })

  it('does nothing for fresh accounts', async () => {
    const { ctx } = context({ adapter: MemoryAdapter(createMemoryStore()) })
    const userId = await seed(ctx.config.adapter!, 'never-used', now() + 3600)
    const before = idp.refreshRequests
    expect(await refreshDatabaseAccounts(ctx, userId)).toEqual({})
    expect(idp.refreshRequests).toBe(before)
  })
})
