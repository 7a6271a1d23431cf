import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startJsonApi, type JsonApi } from '../../test/fixtures/oidc/json-api.js'
import { normalizeOAuthProvider } from '../core/oauth/provider.js'
import type { OAuthConfig, TokenSet, UserinfoOption } from '../core/types.js'
import BitbucketProvider from './bitbucket.js'
import DropboxProvider from './dropbox.js'
import NotionProvider from './notion.js'
import RedditProvider from './reddit.js'
import { requestJson } from './userinfo-request.js'

let api: JsonApi
beforeAll(async () => {
  api = await startJsonApi(
    {
      'GET /2.0/user': { uuid: '{u-1}', display_name: 'Tutorials', links: {} },
      'GET /2.0/user/emails': {
        values: [
          { email: 'unconfirmed@example.com', is_primary: true, is_confirmed: false },
          { email: 'confirmed@example.com', is_primary: false, is_confirmed: true },
        ],
      },
      'POST /2/users/get_current_account': {
        account_id: 'dbid:1',
        name: { display_name: 'Franz' },
      },
      'GET /v1/users/e79a0b74': { object: 'user', id: 'e79a0b74', name: 'Avocado' },
      'GET /api/v1/me': { id: '1w72', name: 'spez' },
    },
    'token',
  )
})
afterAll(() => api.close())

function fetchProfile(
  config: OAuthConfig,
  url: string,
  tokens: TokenSet = { access_token: 'token' },
) {
  const provider = normalizeOAuthProvider(
    { ...config, options: { ...config.options, userinfo: { url } } } as OAuthConfig,
    '/api/auth',
  )
  const userinfo = provider.userinfo as Exclude<UserinfoOption, string>
  return userinfo.request!({ tokens, provider })
}

const credentials = { clientId: 'id', clientSecret: 'secret' }

describe('preset userinfo requests', () => {
  it('Bitbucket: takes the first confirmed email when the primary one is unconfirmed', async () => {
    const profile = await fetchProfile(BitbucketProvider(credentials), `${api.origin}/2.0/user`)
    expect(profile).toMatchObject({ uuid: '{u-1}', email: 'confirmed@example.com' })
  })

  it('Dropbox: calls the account RPC endpoint with POST', async () => {
    const profile = await fetchProfile(
      DropboxProvider(credentials),
      `${api.origin}/2/users/get_current_account`,
    )
    expect(profile).toMatchObject({ account_id: 'dbid:1' })
    expect(api.requests.at(-1)?.method).toBe('POST')
  })

  it('Notion: reads the owner user named in the token response, with the API version header', async () => {
    const tokens = { access_token: 'token', owner: { type: 'user', user: { id: 'e79a0b74' } } }
    const profile = await fetchProfile(
      NotionProvider(credentials),
      `${api.origin}/v1/users`,
      tokens,
    )
    expect(profile).toMatchObject({ id: 'e79a0b74', name: 'Avocado' })
    expect(api.requests.at(-1)?.headers['notion-version']).toBe('2022-06-28')
  })

  it('Notion: fails without an owner user', async () => {
    await expect(
      fetchProfile(NotionProvider(credentials), `${api.origin}/v1/users`),
    ).rejects.toThrow(/owner/)
  })

  it('Reddit: sends a descriptive User-Agent', async () => {
    await fetchProfile(RedditProvider(credentials), `${api.origin}/api/v1/me`)
    expect(api.requests.at(-1)?.headers['user-agent']).toBe('gatehouse')
  })

  it('requestJson refuses an HTTP error instead of returning its body', async () => {
    await expect(requestJson(`${api.origin}/2.0/user`, { access_token: 'wrong' })).rejects.toThrow(
      /401/,
    )
  })
})
