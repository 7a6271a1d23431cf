/**
 * Presets end to end where they do more than point at endpoints: GitHub's private email
 * looked up through `/user/emails`, and Apple's `form_post` callback with the user's name in
 * the first-sign-in `user` field. The rogue provider stands in for both services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryAdapter, createMemoryStore } from '../../src/adapters/memory.js'
import AppleProvider from '../../src/providers/apple.js'
import GitHubProvider from '../../src/providers/github.js'
import { startApp, type TestApp } from '../fixtures/oidc/app.js'
import { TestBrowser } from '../fixtures/oidc/browser.js'
import { startRogueIdp, type RogueIdp } from '../fixtures/oidc/rogue-idp.js'
import { signIn, startSignIn } from '../fixtures/oidc/sign-in.js'

const secret = 'e2e-secret-for-the-oauth-preset-tests-0123456789'
let app: TestApp
let rogue: RogueIdp
const store = createMemoryStore()

beforeAll(async () => {
  app = await startApp({ providers: [], secret })
  rogue = await startRogueIdp()
  const credentials = {
    clientId: rogue.clientId,
    clientSecret: rogue.clientSecret,
    allowInsecureRequests: true,
  }
  app.options = {
    secret,
    adapter: MemoryAdapter(store),
    session: { strategy: 'database' },
    providers: [
      GitHubProvider({
        ...credentials,
        authorization: { url: `${rogue.issuer}/login/oauth/authorize` },
        token: `${rogue.issuer}/login/oauth/access_token`,
        userinfo: { url: `${rogue.issuer}/user` },
      }),
      AppleProvider({ ...credentials, issuer: rogue.issuer }),
    ],
  }
})

afterAll(async () => {
  await app?.close()
  await rogue?.close()
})

describe('GitHub preset', () => {
  it('signs in a user who keeps their email private, with the primary verified address', async () => {
    const browser = new TestBrowser()
    expect((await signIn(browser, app, 'github')).pathname).toBe('/dashboard')
    const session = await (await browser.request(`${app.origin}/api/auth/session`)).json()
    expect(session.user).toEqual({
      name: 'The Octocat',
      email: 'octocat@example.com',
      image: 'https://avatars.example/u/4242',
    })
    const account = [...store.accounts.values()].find((a) => a.provider === 'github')!
    expect(account).toMatchObject({ type: 'oauth', providerAccountId: '4242' })
  })
})

describe('Apple preset', () => {
  async function formPostSignIn(browser: TestBrowser): Promise<URL> {
    const authorizationUrl = await startSignIn(browser, app, 'apple')
    expect(authorizationUrl.searchParams.get('response_mode')).toBe('form_post')
    const page = await (await browser.request(authorizationUrl)).text()
    const action = /action="([^"]+)"/.exec(page)![1]!
    const form = Object.fromEntries(
      [...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [
        name!,
        value!.replaceAll('&quot;', '"'),
      ]),
    )
    const response = await browser.request(action, { form })
    const location = response.headers.get('location')
    if (!location) throw new Error(`callback answered ${response.status}: ${await response.text()}`)
    return new URL(location, action)
  }

  it('completes a form_post callback and takes the name from the first-sign-in user field', async () => {
    rogue.formPostUser = {
      name: { firstName: 'Rogue', lastName: 'Appleseed' },
      email: 'rogue@example.com',
    }
    const browser = new TestBrowser()
    const landed = await formPostSignIn(browser)
    expect(landed.searchParams.get('error')).toBeNull()
    const session = await (await browser.request(`${app.origin}/api/auth/session`)).json()
    expect(session.user).toMatchObject({ name: 'Rogue Appleseed', email: 'rogue@example.com' })
  })

  it('signs the same user in later, when Apple no longer sends the user field', async () => {
    rogue.formPostUser = null
    const usersBefore = store.users.size
    const browser = new TestBrowser()
    await formPostSignIn(browser)
    const session = await (await browser.request(`${app.origin}/api/auth/session`)).json()
    expect(session.user.email).toBe('rogue@example.com')
    expect(store.users.size).toBe(usersBefore)
  })

  it('rejects a form_post callback whose state was changed', async () => {
    const browser = new TestBrowser()
    const authorizationUrl = await startSignIn(browser, app, 'apple')
    const page = await (await browser.request(authorizationUrl)).text()
    const code = /name="code" value="([^"]+)"/.exec(page)![1]!
    const before = store.accounts.size
    const response = await browser.request(`${app.origin}/api/auth/callback/apple`, {
      form: { code, state: 'forged' },
    })
    const location = new URL(response.headers.get('location')!, app.origin)
    expect(location.searchParams.get('error')).toBe('OAuthCallback')
    expect(store.accounts.size).toBe(before)
  })
})
