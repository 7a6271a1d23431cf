import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRogueIdp, type RogueIdp } from '../../../test/fixtures/oidc/rogue-idp.js'
import { OAuthSignin } from '../errors.js'
import { decode } from '../session/jwt.js'
import type { OAuthConfig } from '../types.js'
import { createAuthorizationUrl } from './authorize.js'
import { getAuthorizationServer } from './authorization-server.js'
import { TEST_SECRET, testContext } from './test-context.js'

let idp: RogueIdp
beforeAll(async () => {
  idp = await startRogueIdp()
})
afterAll(() => idp.close())

function oidc(extra: Partial<OAuthConfig> = {}): OAuthConfig {
  return {
    id: 'corp',
    name: 'Corp',
    type: 'oidc',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    allowInsecureRequests: true,
    ...extra,
  } as OAuthConfig
}

describe('createAuthorizationUrl', () => {
  it('builds the code flow request with PKCE S256, state and nonce, and seals them in cookies', async () => {
    const { ctx, provider } = testContext({ providers: [oidc()] }, 'corp')
    const url = await createAuthorizationUrl(ctx, provider, {})

    expect(url.origin + url.pathname).toBe(`${idp.issuer}/authorize`)
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({
      client_id: idp.clientId,
      redirect_uri: 'http://127.0.0.1:3000/api/auth/callback/corp',
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    })
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/)

    const cookies = Object.fromEntries(ctx.setCookies.map((cookie) => [cookie.name, cookie]))
    expect(Object.keys(cookies).sort()).toEqual([
      'next-auth.nonce',
      'next-auth.pkce.code_verifier',
      'next-auth.state',
    ])
    for (const cookie of Object.values(cookies)) {
      expect(cookie.options).toMatchObject({
        httpOnly: true,
        sameSite: 'lax',
        maxAge: 900,
        path: '/',
      })
      // Sealed: the value is a JWE, not the check value itself.
      expect(cookie.value.split('.')).toHaveLength(5)
    }
    const state = decode({
      token: cookies['next-auth.state']!.value,
      secret: TEST_SECRET,
      salt: 'next-auth.state',
    })
    expect(state).toMatchObject({ value: params.state, provider: 'corp' })
    const nonce = decode({
      token: cookies['next-auth.nonce']!.value,
      secret: TEST_SECRET,
      salt: 'next-auth.nonce',
    })
    expect(nonce?.value).toBe(params.nonce)
    // A cookie opened with another check's salt reads as nothing.
    expect(
      decode({
        token: cookies['next-auth.state']!.value,
        secret: TEST_SECRET,
        salt: 'next-auth.nonce',
      }),
    ).toBeNull()
  })

  it('adds preset and request parameters but never lets them replace the flow parameters', async () => {
    const { ctx, provider } = testContext(
      {
        providers: [
          oidc({
            authorization: { params: { scope: 'openid email', prompt: 'consent', state: 'fixed' } },
          }),
        ],
      },
      'corp',
    )
    const url = await createAuthorizationUrl(ctx, provider, {
      login_hint: 'ada@example.com',
      redirect_uri: 'https://attacker.example/cb',
      code_challenge: 'weak',
    })
    expect(url.searchParams.get('scope')).toBe('openid email')
    expect(url.searchParams.get('prompt')).toBe('consent')
    expect(url.searchParams.get('login_hint')).toBe('ada@example.com')
    expect(url.searchParams.get('redirect_uri')).toBe(
      'http://127.0.0.1:3000/api/auth/callback/corp',
    )
    expect(url.searchParams.get('code_challenge')).not.toBe('weak')
    expect(url.searchParams.get('state')).not.toBe('fixed')
  })

  it('sends no check the provider turned off', async () => {
    const { ctx, provider } = testContext({ providers: [oidc({ checks: ['state'] })] }, 'corp')
    const url = await createAuthorizationUrl(ctx, provider, {})
    expect(url.searchParams.has('code_challenge')).toBe(false)
    expect(url.searchParams.has('nonce')).toBe(false)
    expect(ctx.setCookies.map((cookie) => cookie.name)).toEqual(['next-auth.state'])
  })

  it('discovers once per provider, not per request', async () => {
    const { ctx, provider } = testContext({ providers: [oidc()] }, 'corp')
    const before = idp.discoveryRequests
    await createAuthorizationUrl(ctx, provider, {})
    await createAuthorizationUrl(ctx, provider, {})
    await getAuthorizationServer(provider)
    expect(idp.discoveryRequests - before).toBe(1)
  })

  it('discovers from a wellKnown URL alone, taking the issuer the document names', async () => {
    const wellKnown = `${idp.issuer}/.well-known/openid-configuration`
    const { ctx, provider } = testContext(
      { providers: [oidc({ issuer: undefined, wellKnown })] },
      'corp',
    )
    const url = await createAuthorizationUrl(ctx, provider, {})
    expect(url.href.startsWith(`${idp.issuer}/authorize?`)).toBe(true)
    expect((await getAuthorizationServer(provider)).issuer).toBe(idp.issuer)
  })

  it('refuses a plain-HTTP wellKnown URL without the opt-in', async () => {
    const wellKnown = `${idp.issuer}/.well-known/openid-configuration`
    const insecure = {
      ...oidc({ issuer: undefined, wellKnown }),
      allowInsecureRequests: false,
    } as OAuthConfig
    const { ctx, provider } = testContext({ providers: [insecure] }, 'corp')
    await expect(createAuthorizationUrl(ctx, provider, {})).rejects.toBeInstanceOf(OAuthSignin)
  })

  it('refuses a plain-HTTP issuer unless the provider allows insecure requests by name', async () => {
    const { ctx, provider } = testContext(
      { providers: [oidc({ allowInsecureRequests: false } as Partial<OAuthConfig>)] },
      'corp',
    )
    await expect(createAuthorizationUrl(ctx, provider, {})).rejects.toThrow(OAuthSignin)
    await expect(createAuthorizationUrl(ctx, provider, {})).rejects.toThrow(/discovery failed/)
  })

  it('fails with OAuthSignin when discovery fails, and retries discovery next time', async () => {
    const { ctx, provider } = testContext(
      { providers: [oidc({ issuer: `${idp.issuer}/missing` })] },
      'corp',
    )
    await expect(createAuthorizationUrl(ctx, provider, {})).rejects.toBeInstanceOf(OAuthSignin)
    await expect(createAuthorizationUrl(ctx, provider, {})).rejects.toBeInstanceOf(OAuthSignin)
  })

  it('uses SameSite=None check cookies for a form_post provider over HTTPS only', async () => {
    const formPost = oidc({ authorization: { params: { response_mode: 'form_post' } } })
    const https = testContext({ providers: [formPost] }, 'corp', {
      url: 'https://app.example/api/auth/signin/corp',
    })
    await createAuthorizationUrl(https.ctx, https.provider, {})
    for (const cookie of https.ctx.setCookies) {
      expect(cookie.name.startsWith('__Secure-')).toBe(true)
      expect(cookie.options).toMatchObject({ sameSite: 'none', secure: true })
    }
    const http = testContext({ providers: [formPost] }, 'corp')
    await createAuthorizationUrl(http.ctx, http.provider, {})
    for (const cookie of http.ctx.setCookies) expect(cookie.options.sameSite).toBe('lax')
  })
})
