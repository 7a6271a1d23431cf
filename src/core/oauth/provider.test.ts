import { describe, expect, it } from 'vitest'
import { ConfigurationError } from '../errors.js'
import type { OAuthConfig } from '../types.js'
import { allowsInsecureRequests, normalizeOAuthProvider } from './provider.js'

const base: OAuthConfig = {
  id: 'corp',
  name: 'Corp',
  type: 'oidc',
  issuer: 'https://sso.corp.example',
  clientId: 'client',
  clientSecret: 'secret',
}

describe('normalizeOAuthProvider', () => {
  it('decides the checks: PKCE and state always, nonce for OIDC, none removes all', () => {
    expect(normalizeOAuthProvider(base, '/api/auth').checks).toEqual(['pkce', 'state', 'nonce'])
    const oauth: OAuthConfig = {
      ...base,
      type: 'oauth',
      issuer: undefined,
      authorization: 'https://a.example/authorize',
      token: 'https://a.example/token',
      userinfo: 'https://a.example/me',
    }
    expect(normalizeOAuthProvider(oauth, '/api/auth').checks).toEqual(['pkce', 'state'])
    expect(normalizeOAuthProvider({ ...base, checks: ['state', 'state'] }, '/x').checks).toEqual([
      'state',
    ])
    expect(normalizeOAuthProvider({ ...base, checks: ['none', 'pkce'] }, '/x').checks).toEqual([])
  })

  it('computes the routes under the base path', () => {
    const provider = normalizeOAuthProvider(base, '/auth')
    expect(provider.signinPath).toBe('/auth/signin/corp')
    expect(provider.callbackPath).toBe('/auth/callback/corp')
  })

  it('merges the app options over the preset, nested authorization params included', () => {
    const preset: OAuthConfig = {
      ...base,
      authorization: {
        url: 'https://sso.corp.example/authorize',
        params: { scope: 'openid email', prompt: 'login' },
      },
      userinfo: { url: 'https://sso.corp.example/me', request: () => ({ sub: '1' }) },
      client: { token_endpoint_auth_method: 'client_secret_post' },
      style: { logo: 'corp.svg', bg: '#000' },
      options: {
        clientId: 'app-client',
        clientSecret: undefined,
        authorization: { params: { scope: 'openid email offline_access' } },
        userinfo: { url: 'https://proxy.corp.example/me' },
        client: { id_token_signed_response_alg: 'ES256' },
        style: { bg: '#fff' },
      },
    }
    const provider = normalizeOAuthProvider(preset, '/api/auth')
    expect(provider.clientId).toBe('app-client')
    // An option left undefined does not erase the preset's value.
    expect(provider.clientSecret).toBe('secret')
    expect(provider.authorization).toEqual({
      url: 'https://sso.corp.example/authorize',
      params: { scope: 'openid email offline_access', prompt: 'login' },
    })
    expect(provider.userinfo).toMatchObject({
      url: 'https://proxy.corp.example/me',
      request: expect.any(Function),
    })
    expect(provider.client).toEqual({
      token_endpoint_auth_method: 'client_secret_post',
      id_token_signed_response_alg: 'ES256',
    })
    expect(provider.style).toEqual({ logo: 'corp.svg', bg: '#fff' })
    expect('options' in provider).toBe(false)
  })

  it('takes the profile from the ID token by default for OIDC only', () => {
    expect(normalizeOAuthProvider(base, '/x').idToken).toBe(true)
    expect(normalizeOAuthProvider({ ...base, idToken: false }, '/x').idToken).toBe(false)
  })

  it.each<[string, Partial<OAuthConfig>, RegExp]>([
    ['a missing clientId', { clientId: '' }, /"corp": "clientId" is missing/],
    ['a missing clientSecret', { clientSecret: undefined }, /"corp": "clientSecret" is missing/],
    [
      'no issuer and no authorization URL',
      { issuer: undefined },
      /"corp": set "issuer" or "wellKnown"/,
    ],
    [
      'no token URL without discovery',
      { issuer: undefined, authorization: 'https://a.example/auth' },
      /"corp": .*"token" URL is required/,
    ],
    [
      'no userinfo for a plain OAuth provider',
      {
        type: 'oauth',
        issuer: undefined,
        authorization: 'https://a.example/auth',
        token: 'https://a.example/token',
      },
      /"corp": a "userinfo" URL or request is required/,
    ],
    ['a relative issuer', { issuer: '/sso' }, /"corp": "issuer" must be an absolute URL/],
    [
      'an unknown auth method',
      { client: { token_endpoint_auth_method: 'private_key_jwt' as 'none' } },
      /"corp": "client.token_endpoint_auth_method"/,
    ],
    ['a bad id', { id: 'has space' }, /"id" must be/],
    ['an unknown check', { checks: ['pkce', 'csrf' as 'state'] }, /"corp": unknown check "csrf"/],
    [
      'a public client without PKCE',
      {
        clientSecret: undefined,
        client: { token_endpoint_auth_method: 'none' },
        checks: ['state'],
      },
      /"corp": a public client .* needs the "pkce" check/,
    ],
    ['a wrong type', { type: 'saml' as 'oauth' }, /"type" must be "oauth" or "oidc"/],
  ])('refuses %s, naming the provider and the option', (_what, change, message) => {
    const attempt = () => normalizeOAuthProvider({ ...base, ...change }, '/api/auth')
    expect(attempt).toThrow(ConfigurationError)
    expect(attempt).toThrow(message)
  })

  it('accepts a public client without a secret', () => {
    const provider = normalizeOAuthProvider(
      { ...base, clientSecret: undefined, client: { token_endpoint_auth_method: 'none' } },
      '/x',
    )
    expect(provider.client?.token_endpoint_auth_method).toBe('none')
  })

  it('allows plain-HTTP endpoints only when the provider opts in by name', () => {
    expect(allowsInsecureRequests(base)).toBe(false)
    expect(allowsInsecureRequests({ ...base, allowInsecureRequests: true } as OAuthConfig)).toBe(
      true,
    )
    expect(
      allowsInsecureRequests({ ...base, allowInsecureRequests: 'yes' } as unknown as OAuthConfig),
    ).toBe(false)
  })
})
