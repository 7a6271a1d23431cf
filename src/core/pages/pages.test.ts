import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import type {
  InternalCredentialsProvider,
  InternalEmailProvider,
  InternalOAuthProvider,
  InternalProvider,
} from '../internal.js'
import {
  errorPageMessage,
  escapeHtml,
  renderErrorPage,
  renderSignInPage,
  renderSignOutPage,
  renderVerifyRequestPage,
  safeCssColor,
  safeImageUrl,
  signInErrorCodes,
  signInErrorMessage,
} from './index.js'

const hostile = `"'><script>alert(1)</script><img src=x onerror=alert(2)>\`&amp;`

function parse(html: string): Document {
  const window = new Window()
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document
}

/** No element or attribute that could run script, whatever was interpolated. */
function expectInert(html: string): void {
  const document = parse(html)
  expect(document.querySelectorAll('script')).toHaveLength(0)
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of Array.from(element.attributes)) {
      expect(attribute.name.startsWith('on'), `${element.tagName} ${attribute.name}`).toBe(false)
    }
  }
  expect(html).not.toContain('<script')
}

const oauth = {
  id: 'github',
  name: 'GitHub',
  type: 'oauth',
  clientId: 'id',
  checks: ['pkce', 'state'],
  signinPath: '/api/auth/signin/github',
  callbackPath: '/api/auth/callback/github',
  style: { bg: '#24292f', text: '#ffffff' },
} as InternalOAuthProvider

const credentials = {
  id: 'credentials',
  name: 'Password',
  type: 'credentials',
  credentials: {
    username: { label: 'Username', type: 'text', placeholder: 'jsmith' },
    password: { label: 'Password', type: 'password' },
  },
  authorize: () => null,
  signinPath: '/api/auth/signin/credentials',
  callbackPath: '/api/auth/callback/credentials',
} as InternalCredentialsProvider

const email = {
  id: 'email',
  name: 'Email',
  type: 'email',
  maxAge: 86400,
  normalizeIdentifier: (identifier: string) => identifier,
  sendVerificationRequest: () => undefined,
  signinPath: '/api/auth/signin/email',
  callbackPath: '/api/auth/callback/email',
} as InternalEmailProvider

const base = { csrfToken: 'csrf-123', callbackUrl: '/dashboard', theme: {}, basePath: '/api/auth' }

describe('renderSignInPage', () => {
  it('renders a complete, labelled document with one form per provider in order', () => {
    const html = renderSignInPage({ ...base, providers: [oauth, credentials, email] })
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    const document = parse(html)
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    expect(document.querySelector('h1')?.textContent).toBe('Sign in')
    expect(document.title).toBe('Sign in')

    const forms = Array.from(document.querySelectorAll('form'))
    expect(forms.map((form) => form.getAttribute('action'))).toEqual([
      '/api/auth/signin/github',
      '/api/auth/callback/credentials',
      '/api/auth/signin/email',
    ])
    for (const form of forms) {
      expect(form.getAttribute('method')).toBe('post')
      const csrf = form.querySelector<HTMLInputElement>('input[name="csrfToken"]')
      const callbackUrl = form.querySelector<HTMLInputElement>('input[name="callbackUrl"]')
      expect(csrf?.getAttribute('type')).toBe('hidden')
      expect(csrf?.getAttribute('value')).toBe('csrf-123')
      expect(callbackUrl?.getAttribute('value')).toBe('/dashboard')
    }
    expect(forms.map((form) => form.querySelector('button')?.textContent)).toEqual([
      'Sign in with GitHub',
      'Sign in with Password',
      'Sign in with Email',
    ])
    expect(html).not.toContain('<script')
  })

  it('ties every visible input to a label', () => {
    const html = renderSignInPage({
      ...base,
      providers: [credentials, email, { ...email, id: 'e2' }],
    })
    const document = parse(html)
    const inputs = Array.from(document.querySelectorAll('input:not([type="hidden"])'))
    expect(inputs).toHaveLength(4)
    const ids = inputs.map((input) => input.getAttribute('id'))
    expect(new Set(ids).size).toBe(ids.length)
    for (const input of inputs) {
      const label = document.querySelector(`label[for="${input.getAttribute('id')}"]`)
      expect(label?.textContent?.length).toBeGreaterThan(0)
    }
  })

  it('renders credentials fields with their label, type and placeholder', () => {
    const document = parse(renderSignInPage({ ...base, providers: [credentials] }))
    const username = document.querySelector('input[name="username"]')!
    const password = document.querySelector('input[name="password"]')!
    expect(username.getAttribute('type')).toBe('text')
    expect(username.getAttribute('placeholder')).toBe('jsmith')
    expect(document.querySelector(`label[for="${username.id}"]`)?.textContent).toBe('Username')
    expect(password.getAttribute('type')).toBe('password')
    expect(password.getAttribute('autocomplete')).toBe('current-password')
  })

  it('renders the email field as a required email input, prefilled when asked', () => {
    const document = parse(
      renderSignInPage({ ...base, providers: [email], email: 'ada@example.com' }),
    )
    const input = document.querySelector('input[name="email"]')!
    expect(input.getAttribute('type')).toBe('email')
    expect(input.hasAttribute('required')).toBe(true)
    expect(input.getAttribute('value')).toBe('ada@example.com')
  })

  it('uses the provider style colours for OAuth buttons, and drops unsafe ones', () => {
    const html = renderSignInPage({ ...base, providers: [oauth] })
    expect(html).toContain(
      '.provider-0{background:#24292f;border-color:var(--gh-border);color:#ffffff}',
    )
    const unsafe = renderSignInPage({
      ...base,
      providers: [{ ...oauth, style: { bg: 'red}</style><script>alert(1)</script>' } }],
    })
    expect(unsafe).not.toContain('.provider-0{')
    expectInert(unsafe)
  })

  it('shows every known error code in words above the forms, and unknown ones as default', () => {
    const messages = new Set<string>()
    for (const code of signInErrorCodes) {
      const document = parse(renderSignInPage({ ...base, providers: [email], error: code }))
      const alert = document.querySelector('[role="alert"]')
      expect(alert?.textContent?.length, code).toBeGreaterThan(20)
      expect(alert?.textContent).toBe(signInErrorMessage(code))
      expect(alert?.compareDocumentPosition(document.querySelector('form')!)).toBe(4)
      messages.add(alert!.textContent!)
    }
    expect(messages.size).toBe(signInErrorCodes.length)
    expect(signInErrorMessage('NoSuchCode')).toBe(signInErrorMessage('default'))
    expect(signInErrorMessage('__proto__')).toBe(signInErrorMessage('default'))
    expect(
      parse(renderSignInPage({ ...base, providers: [email] })).querySelector('[role="alert"]'),
    ).toBe(null)
  })

  it('escapes every interpolated value', () => {
    const hostileProviders: InternalProvider[] = [
      { ...oauth, name: hostile, signinPath: hostile },
      {
        ...credentials,
        name: hostile,
        callbackPath: hostile,
        credentials: {
          [hostile]: { label: hostile, type: hostile, placeholder: hostile, value: hostile },
        },
      },
      { ...email, name: hostile, signinPath: hostile },
    ]
    const html = renderSignInPage({
      providers: hostileProviders,
      csrfToken: hostile,
      callbackUrl: hostile,
      error: hostile,
      email: hostile,
      theme: { brandColor: hostile, logo: hostile, buttonText: hostile },
      basePath: hostile,
    })
    expectInert(html)
    const document = parse(html)
    // The values arrive intact as data, not as markup.
    expect(document.querySelector('input[name="csrfToken"]')?.getAttribute('value')).toBe(hostile)
    expect(document.querySelector('input[name="email"]')?.getAttribute('value')).toBe(hostile)
    expect(document.querySelector('button')?.textContent).toBe(`Sign in with ${hostile}`)
    expect(document.querySelectorAll('form')).toHaveLength(3)
    expect(document.querySelector('img')).toBe(null)
  })
})

describe('theme', () => {
  it('follows the system colour scheme by default', () => {
    const html = renderSignInPage({ ...base, providers: [] })
    expect(html).toContain('color-scheme:light dark')
    expect(html).toContain('@media (prefers-color-scheme:dark)')
  })

  it('forces dark or light', () => {
    const dark = renderSignInPage({ ...base, theme: { colorScheme: 'dark' }, providers: [] })
    const light = renderSignInPage({ ...base, theme: { colorScheme: 'light' }, providers: [] })
    expect(dark).toContain('color-scheme:dark;')
    expect(dark).not.toContain('prefers-color-scheme')
    expect(light).toContain('color-scheme:light;')
    expect(light).not.toContain('prefers-color-scheme')
  })

  it('uses brandColor, buttonText and logo', () => {
    const html = renderSignOutPage({
      ...base,
      theme: { brandColor: '#ffcc00', buttonText: '#111111', logo: 'https://app.example/logo.png' },
    })
    expect(html).toContain('--gh-brand:#ffcc00')
    expect(html).toContain('--gh-button-text:#111111')
    expect(parse(html).querySelector('img.logo')?.getAttribute('src')).toBe(
      'https://app.example/logo.png',
    )
  })

  it('picks a readable button text colour when buttonText is not set', () => {
    expect(renderSignOutPage({ ...base, theme: { brandColor: '#ffee58' } })).toContain(
      '--gh-button-text:#000000',
    )
    expect(renderSignOutPage({ ...base, theme: { brandColor: '#1a237e' } })).toContain(
      '--gh-button-text:#ffffff',
    )
  })

  it('has visible focus styles', () => {
    expect(renderSignOutPage(base)).toContain(':focus-visible{outline:3px solid')
  })

  it('accepts only plain colours and image URLs', () => {
    expect(safeCssColor('rgb(10, 20, 30)')).toBe('rgb(10, 20, 30)')
    expect(safeCssColor('teal')).toBe('teal')
    expect(safeCssColor('red;background:url(x)')).toBe(undefined)
    expect(safeCssColor('expression(alert(1))')).toBe(undefined)
    expect(safeImageUrl('/logo.svg')).toBe('/logo.svg')
    expect(safeImageUrl('//evil.example/x.png')).toBe(undefined)
    expect(safeImageUrl('javascript:alert(1)')).toBe(undefined)
    expect(safeImageUrl('data:text/html,<script>')).toBe(undefined)
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;',
    )
  })
})

describe('renderSignOutPage', () => {
  it('posts to <basePath>/signout with the CSRF token and callback URL', () => {
    const document = parse(renderSignOutPage({ ...base, basePath: '/auth' }))
    const form = document.querySelector('form')!
    expect(form.getAttribute('action')).toBe('/auth/signout')
    expect(form.getAttribute('method')).toBe('post')
    expect(form.querySelector('input[name="csrfToken"]')?.getAttribute('value')).toBe('csrf-123')
    expect(form.querySelector('input[name="callbackUrl"]')?.getAttribute('value')).toBe(
      '/dashboard',
    )
    expect(form.querySelector('button')?.textContent).toBe('Sign out')
    expect(document.querySelector('h1')?.textContent).toBe('Sign out')
  })

  it('escapes its values', () => {
    const html = renderSignOutPage({
      csrfToken: hostile,
      callbackUrl: hostile,
      basePath: hostile,
      theme: { logo: hostile },
    })
    expectInert(html)
    expect(parse(html).querySelector('input[name="callbackUrl"]')?.getAttribute('value')).toBe(
      hostile,
    )
  })
})

describe('renderErrorPage', () => {
  const page = (error: string) =>
    renderErrorPage({
      error,
      theme: {},
      basePath: '/api/auth',
      url: 'https://app.example/api/auth',
    })

  it('answers with the NextAuth.js v4 statuses', () => {
    expect(page('Configuration').status).toBe(500)
    expect(page('AccessDenied').status).toBe(403)
    expect(page('Verification').status).toBe(403)
    expect(page('verification').status).toBe(403)
    expect(page('Default').status).toBe(200)
    expect(page('NoSuchCode').status).toBe(200)
    expect(page('OAuthSignin').status).toBe(400)
    expect(page('EmailSignin').status).toBe(400)
  })

  it('has words for every code and a way back to sign in', () => {
    for (const code of [
      'Configuration',
      'AccessDenied',
      'Verification',
      'Default',
      ...signInErrorCodes,
    ]) {
      const { html } = page(code)
      const document = parse(html)
      const text = document.querySelector('main')?.textContent ?? ''
      expect(document.querySelector('h1')?.textContent?.length, code).toBeGreaterThan(3)
      expect(text.length, code).toBeGreaterThan(60)
      expect(text).not.toContain('undefined')
      if (code !== 'Configuration') {
        expect(document.querySelector('a[href="/api/auth/signin"]'), code).not.toBe(null)
      }
      expect(document.querySelector('a[href="https://app.example"]')?.textContent).toBe(
        'Back to app.example',
      )
    }
    expect(errorPageMessage('Configuration').paragraphs.join(' ')).toContain('server log')
  })

  it('accepts a path or an unusable value as url, as the configuration failure page passes', () => {
    const fromPath = renderErrorPage({ error: 'Configuration', basePath: '', url: '/' })
    expect(fromPath.status).toBe(500)
    expect(parse(fromPath.html).querySelector('a[href="/"]')?.textContent).toBe('Back to the site')
    for (const url of ['', 'not a url', 'javascript:alert(1)', '//evil.example']) {
      const { html } = renderErrorPage({ error: 'Default', basePath: '', url })
      expect(parse(html).querySelectorAll('a'), url).toHaveLength(1)
      expectInert(html)
    }
  })

  it('escapes the error code and its values', () => {
    const { html, status } = renderErrorPage({
      error: hostile,
      theme: { brandColor: hostile },
      basePath: hostile,
      url: 'https://app.example',
    })
    expect(status).toBe(200)
    expectInert(html)
    expect(html).not.toContain(hostile)
  })
})

describe('renderVerifyRequestPage', () => {
  it('tells the user to check their email without naming the address', () => {
    const html = renderVerifyRequestPage({ theme: {}, url: 'http://127.0.0.1:3000' })
    const document = parse(html)
    expect(document.querySelector('h1')?.textContent).toBe('Check your email')
    expect(document.querySelector('a')?.getAttribute('href')).toBe('http://127.0.0.1:3000')
    expect(document.querySelector('main')?.textContent).not.toContain('@')
    expectInert(
      renderVerifyRequestPage({
        theme: { logo: hostile, brandColor: hostile },
        url: 'https://x.example',
      }),
    )
  })
})
