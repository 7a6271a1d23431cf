import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJsonApi, type JsonApi } from '../../test/fixtures/oidc/json-api.js'
import { endpointUrl } from '../core/oauth/authorization-server.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { Profile, UserinfoOption } from '../core/types.js'
import GitHubProvider, { type GitHubEmail, type GitHubProfile } from './github.js'

/** A `GET /user` answer as GitHub documents it, for a user who keeps their email private. */
const recorded: GitHubProfile = {
  login: 'octocat',
  id: 583231,
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  html_url: 'https://github.com/octocat',
  name: 'The Octocat',
  company: '@github',
  location: 'San Francisco',
  email: null,
  bio: null,
}

const emails: GitHubEmail[] = [
  { email: 'octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
  { email: 'octocat@github.com', primary: true, verified: true, visibility: 'private' },
]

let api: JsonApi
beforeAll(async () => {
  api = await startJsonApi({ 'GET /user': recorded, 'GET /user/emails': emails }, 'gho_token')
})
afterAll(() => api.close())

function request(provider: ReturnType<typeof normalizeOAuthProvider>) {
  const userinfo = provider.userinfo as Exclude<UserinfoOption, string>
  return userinfo.request!({ tokens: { access_token: 'gho_token' }, provider })
}

describe('GitHubProvider', () => {
  const provider = normalizeOAuthProvider(
    GitHubProvider({ clientId: 'client-id', clientSecret: 'client-secret' }),
    '/api/auth',
  )

  it('points at GitHub', () => {
    expect(provider).toMatchObject({ id: 'github', type: 'oauth', checks: ['pkce', 'state'] })
    expect(endpointUrl(provider.authorization)).toBe('https://github.com/login/oauth/authorize')
    expect(endpointUrl(provider.token)).toBe('https://github.com/login/oauth/access_token')
    expect(endpointUrl(provider.userinfo)).toBe('https://api.github.com/user')
  })

  it('maps a recorded profile, falling back to the login for a user without a name', async () => {
    const tokens = { access_token: 'at' }
    const withEmail = { ...recorded, email: 'octocat@github.com' } as unknown as Profile
    expect(await provider.profile!(withEmail, tokens)).toEqual({
      id: '583231',
      name: 'The Octocat',
      email: 'octocat@github.com',
      image: 'https://avatars.githubusercontent.com/u/583231?v=4',
    })
    const unnamed = { ...recorded, name: null } as unknown as Profile
    expect((await provider.profile!(unnamed, tokens)).name).toBe('octocat')
  })

  it('looks up the primary verified email when the public one is missing', async () => {
    const atApi = normalizeOAuthProvider(
      GitHubProvider({
        clientId: 'id',
        clientSecret: 's',
        userinfo: { url: `${api.origin}/user` },
      }),
      '/api/auth',
    )
    const profile = await request(atApi)
    expect(profile.email).toBe('octocat@github.com')
    expect(api.requests.map((r) => r.path)).toEqual(['/user', '/user/emails'])
  })

  it('does not call /user/emails when the email is public', async () => {
    const publicApi = await startJsonApi(
      { 'GET /user': { ...recorded, email: 'public@github.com' } },
      'gho_token',
    )
    try {
      const atApi = normalizeOAuthProvider(
        GitHubProvider({
          clientId: 'id',
          clientSecret: 's',
          userinfo: { url: `${publicApi.origin}/user` },
        }),
        '/api/auth',
      )
      expect((await request(atApi)).email).toBe('public@github.com')
      expect(publicApi.requests.map((r) => r.path)).toEqual(['/user'])
    } finally {
      await publicApi.close()
    }
  })
})
