import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  Client,
  engine,
  login,
  ORIGIN,
  passwordProvider,
  SECRET,
} from '../../test/helpers/engine.js'
import { defaultRedirect, sameOrigin } from './callback-url.js'
import { Auth } from './index.js'
import type { AuthOptions, CallbacksOptions } from './types.js'

beforeEach(() => {
  for (const name of ['NEXTAUTH_URL', 'AUTH_URL', 'AUTH_TRUST_HOST']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})

/** Every off-site form a callbackUrl can take. */
const OFF_SITE = [
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '\t//evil.example',
  'https:evil.example',
  'https:/evil.example',
  'http:/\\evil.example',
  'http://evil.example',
  'https://evil.example/',
  'HTTPS://EVIL.EXAMPLE',
  'javascript:alert(1)',
  'JavaScript:alert(document.cookie)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://localhost:3000@evil.example',
  'http://localhost:3000:@evil.example',
  'http://evil.example\\@localhost:3000',
  'http://localhost:3000.evil.example/',
  'http://app@evil.example',
  'http://user:pass@localhost:3000/',
  'http://evil.example@localhost:3000/',
  'https://localhost:3000/',
  'http://127.0.0.1:3000/',
  'http://localhost:3001/',
  `https://evil.example/${'a'.repeat(10_000)}`,
  `/${'a'.repeat(5_000)}`,
]

/** Forms that look odd but stay on the app's origin. */
const ENCODED_SAME_ORIGIN = [
  '%2F%2Fevil.example',
  '/%2F%2Fevil.example',
  '/%5Cevil.example',
  '/%09/evil.example',
]

function offSiteOk(location: string | null | undefined): void {
  expect(location).toBeTruthy()
  const url = new URL(location!)
  expect(url.origin).toBe(ORIGIN)
  expect(url.username).toBe('')
  expect(url.password).toBe('')
  expect(url.hostname).toBe('localhost')
}

describe('defaultRedirect / sameOrigin', () => {
  it.each(OFF_SITE)('%j falls back to the base URL', (url) => {
    expect(defaultRedirect({ url, baseUrl: ORIGIN })).toBe(ORIGIN)
  })

  it.each(ENCODED_SAME_ORIGIN)('%j stays on the origin', (url) => {
    offSiteOk(defaultRedirect({ url, baseUrl: ORIGIN }))
  })

  it('keeps same-origin targets, made absolute', () => {
    expect(defaultRedirect({ url: '/dashboard?tab=2#top', baseUrl: ORIGIN })).toBe(
      `${ORIGIN}/dashboard?tab=2#top`,
    )
    expect(defaultRedirect({ url: 'dashboard', baseUrl: ORIGIN })).toBe(`${ORIGIN}/dashboard`)
    expect(defaultRedirect({ url: `${ORIGIN}/x`, baseUrl: ORIGIN })).toBe(`${ORIGIN}/x`)
  })

  it('sameOrigin refuses non-strings', () => {
    expect(sameOrigin(undefined as unknown as string, ORIGIN)).toBeNull()
    expect(sameOrigin({} as unknown as string, ORIGIN)).toBeNull()
  })
})

function options(callbacks: CallbacksOptions = {}): AuthOptions {
  return { secret: SECRET, providers: [passwordProvider()], callbacks }
}

function hidden(html: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!.replace(/&amp;/g, '&')
}

describe.each(OFF_SITE.concat(ENCODED_SAME_ORIGIN))(
  'callbackUrl %j through the routes',
  (callbackUrl) => {
    it('GET signin puts the origin, never the off-site URL, in the form', async () => {
      const response = await Auth(
        new Request(`${ORIGIN}/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`),
        options(),
      )
      offSiteOk(hidden(await response.text(), 'callbackUrl'))
    })

    it('POST callback/credentials redirects on the origin, and remembers only an on-origin URL', async () => {
      const client = new Client(engine(options()))
      const response = await client.signIn(login('ada', { callbackUrl }))
      expect(response.status).toBe(302)
      offSiteOk(response.headers.get('location'))
      const remembered = client.cookies.get('next-auth.callback-url')
      if (remembered !== undefined) offSiteOk(remembered)
    })

    it('POST callback/credentials with json=true answers an on-origin url', async () => {
      const client = new Client(engine(options()))
      const response = await client.signIn(login('ada', { callbackUrl, json: 'true' }))
      offSiteOk(((await response.json()) as { url: string }).url)
    })

    it('GET signout puts the origin in the form, POST signout redirects on the origin', async () => {
      const client = new Client(engine(options()))
      await client.signIn(login('ada'))
      const page = await client.fetch(`signout?callbackUrl=${encodeURIComponent(callbackUrl)}`)
      offSiteOk(hidden(await page.text(), 'callbackUrl'))
      const csrfToken = await client.csrf()
      const response = await client.post('signout', { csrfToken, callbackUrl })
      offSiteOk(response.headers.get('location'))
    })
  },
)

describe('the remembered callback URL', () => {
  it('a forged callback-url cookie does not steer the redirect', async () => {
    const client = new Client(engine(options()))
    client.cookies.set('next-auth.callback-url', 'https://evil.example/phish')
    const response = await client.signIn(login('ada'))
    offSiteOk(response.headers.get('location'))
  })

  it('a genuine remembered URL is used when the form gives none', async () => {
    const client = new Client(engine(options()))
    client.cookies.set('next-auth.callback-url', `${ORIGIN}/remembered`)
    const response = await client.signIn(login('ada'))
    expect(response.headers.get('location')).toBe(`${ORIGIN}/remembered`)
  })
})

describe('a redirect callback', () => {
  it('receives the requested url and the base URL (the origin, as NextAuth.js v4)', async () => {
    const calls: Array<{ url: string; baseUrl: string }> = []
    const client = new Client(
      engine(options({ redirect: (params) => (calls.push(params), params.baseUrl) })),
    )
    await client.signIn(login('ada', { callbackUrl: '/wanted' }))
    expect(calls).toContainEqual({ url: '/wanted', baseUrl: ORIGIN })
  })

  it('can widen the allowed targets to a partner site, and still refuse others', async () => {
    const redirect: CallbacksOptions['redirect'] = ({ url, baseUrl }) => {
      if (url.startsWith('/')) return `${baseUrl}${url}`
      if (new URL(url).origin === 'https://partner.example') return url
      return baseUrl
    }
    const partner = await new Client(engine(options({ redirect }))).signIn(
      login('ada', { callbackUrl: 'https://partner.example/welcome' }),
    )
    expect(partner.headers.get('location')).toBe('https://partner.example/welcome')
    const evil = await new Client(engine(options({ redirect }))).signIn(
      login('ada', { callbackUrl: 'https://evil.example/' }),
    )
    expect(evil.headers.get('location')).toBe(`${ORIGIN}/`)
    const signOut = new Client(engine(options({ redirect })))
    await signOut.signIn(login('ada'))
    const csrfToken = await signOut.csrf()
    const out = await signOut.post('signout', {
      csrfToken,
      callbackUrl: 'https://partner.example/bye',
    })
    expect(out.headers.get('location')).toBe('https://partner.example/bye')
  })

  it('a relative answer is resolved against the base URL; a non-URL answer falls back to it', async () => {
    const relative = await new Client(engine(options({ redirect: () => '/from-callback' }))).signIn(
      login('ada'),
    )
    expect(relative.headers.get('location')).toBe(`${ORIGIN}/from-callback`)
    const broken = await new Client(engine(options({ redirect: () => 'http://' }))).signIn(
      login('ada'),
    )
    expect(new URL(broken.headers.get('location')!).href).toBe(`${ORIGIN}/`)
  })

  it('an async redirect callback is awaited', async () => {
    const response = await new Client(
      engine(options({ redirect: async ({ baseUrl }) => `${baseUrl}/async` })),
    ).signIn(login('ada'))
    expect(response.headers.get('location')).toBe(`${ORIGIN}/async`)
  })
})

describe('with NEXTAUTH_URL', () => {
  it('the allowed origin is the configured one, not the request host', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://app.example.com')
    const client = new Client(engine(options()), 'http://internal:8080')
    const response = await client.signIn(login('ada', { callbackUrl: 'http://internal:8080/x' }))
    expect(response.headers.get('location')).toBe('https://app.example.com/')
    const ok = await new Client(engine(options()), 'http://internal:8080').signIn(
      login('ada', { callbackUrl: 'https://app.example.com/x' }),
    )
    expect(ok.headers.get('location')).toBe('https://app.example.com/x')
  })
})
