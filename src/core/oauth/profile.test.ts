import { describe, expect, it } from 'vitest'
import { OAuthCallbackError } from '../errors.js'
import { defaultProfile } from './profile.js'
import { toAccount, toTokenSet } from './tokens.js'
import type { InternalOAuthProvider } from '../internal.js'

describe('defaultProfile', () => {
  it('maps the standard OIDC claims', () => {
    expect(
      defaultProfile({
        sub: 's1',
        name: 'Ada',
        email: 'ada@example.com',
        picture: 'https://p.example/a.png',
      }),
    ).toEqual({
      id: 's1',
      name: 'Ada',
      email: 'ada@example.com',
      image: 'https://p.example/a.png',
    })
  })

  it('falls back to id, preferred_username and avatar_url', () => {
    expect(
      defaultProfile({ id: 42, preferred_username: 'ada', avatar_url: 'https://p.example/a.png' }),
    ).toEqual({
      id: '42',
      name: 'ada',
      email: null,
      image: 'https://p.example/a.png',
    })
  })

  it('refuses a profile without an identifier', () => {
    expect(() => defaultProfile({ email: 'ada@example.com' })).toThrow(OAuthCallbackError)
    expect(() => defaultProfile({ sub: '' })).toThrow(OAuthCallbackError)
  })
})

describe('toTokenSet and toAccount', () => {
  it('turns expires_in into an absolute expires_at and keeps the account fields only', () => {
    const tokens = toTokenSet(
      {
        access_token: 'at',
        token_type: 'bearer',
        expires_in: 3600,
        refresh_token: 'rt',
        scope: 'openid',
        owner: { id: 'u' },
      },
      1_700_000_000_000,
    )
    expect(tokens.expires_at).toBe(1_700_003_600)
    expect(tokens.owner).toEqual({ id: 'u' })
    const account = toAccount({ id: 'corp', type: 'oidc' } as InternalOAuthProvider, 'u1', tokens)
    expect(account).toEqual({
      provider: 'corp',
      type: 'oidc',
      providerAccountId: 'u1',
      access_token: 'at',
      token_type: 'bearer',
      expires_at: 1_700_003_600,
      refresh_token: 'rt',
      scope: 'openid',
    })
  })
})
