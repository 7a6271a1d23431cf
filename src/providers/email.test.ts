import { Window } from 'happy-dom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closedPort,
  signInLink,
  startSmtpServer,
  type TestSmtpServer,
} from '../../test/fixtures/smtp/server.js'
import { createMemoryStore, MemoryAdapter } from '../adapters/memory.js'
import {
  normalizeEmailProvider,
  sendVerificationEmail,
  useVerificationEmail,
} from '../core/email/index.js'
import { ConfigurationError, EmailSignin } from '../core/errors.js'
import type { InternalConfig, InternalEmailProvider, RequestContext } from '../core/internal.js'
import { fromWebRequest } from '../core/request.js'
import EmailProvider, { type EmailUserConfig } from './email.js'

const from = 'Gatehouse Tests <no-reply@app.example>'
const request = new Request('http://127.0.0.1:3000/api/auth/signin/email', { method: 'POST' })

function provider(options: EmailUserConfig): InternalEmailProvider {
  return normalizeEmailProvider(EmailProvider(options), '/api/auth')
}

async function send(emailProvider: InternalEmailProvider, identifier = 'ada@example.com') {
  const url = `http://127.0.0.1:3000/api/auth/callback/email?callbackUrl=%2F&token=abc&email=${encodeURIComponent(identifier)}`
  await emailProvider.sendVerificationRequest({
    identifier,
    url,
    expires: new Date(Date.now() + 86_400_000),
    provider: emailProvider,
    token: 'abc',
    theme: { brandColor: '#ffcc00' },
    request,
  })
  return url
}

let smtp: TestSmtpServer
beforeAll(async () => {
  smtp = await startSmtpServer({ refuseRecipient: (address) => address.startsWith('refused@') })
})
afterAll(() => smtp.close())

describe('EmailProvider', () => {
  it('has the NextAuth.js defaults and keeps the options', () => {
    const options = { server: 'smtp://127.0.0.1:2525', from }
    const config = EmailProvider(options)
    expect(config).toMatchObject({
      id: 'email',
      name: 'Email',
      type: 'email',
      maxAge: 86_400,
      ...options,
    })
    expect(config.options).toBe(options)
    expect(typeof config.sendVerificationRequest).toBe('function')
  })

  it('lets options override everything but the type, ignoring options left undefined', () => {
    const sendVerificationRequest = () => undefined
    const config = EmailProvider({
      id: 'magic',
      name: 'Magic link',
      maxAge: undefined,
      sendVerificationRequest,
      type: 'oauth',
    } as EmailUserConfig)
    expect(config).toMatchObject({ id: 'magic', name: 'Magic link', type: 'email', maxAge: 86_400 })
    expect(config.sendVerificationRequest).toBe(sendVerificationRequest)
  })

  it('is refused at start-up without a server, unless it sends its own way', () => {
    const missing = () => provider({ server: undefined, from })
    expect(missing).toThrow(ConfigurationError)
    expect(missing).toThrow('`server`')
    expect(() => provider({ sendVerificationRequest: () => undefined })).not.toThrow()
  })
})

describe('the built-in SMTP sender', () => {
  it('delivers a plain-text and an HTML part with the link', async () => {
    const url = await send(provider({ server: smtp.url, from }))
    const captured = await smtp.nextMessage()

    expect(captured.envelope.to).toEqual(['ada@example.com'])
    expect(captured.envelope.from).toBe('no-reply@app.example')
    expect(captured.mail.subject).toBe('Sign in to 127.0.0.1:3000')
    expect(captured.mail.from?.text).toBe('"Gatehouse Tests" <no-reply@app.example>')
    expect(captured.mail.text).toContain(url)
    expect(captured.mail.text).toContain('expires in 24 hours')
    expect(signInLink(captured).href).toBe(url)

    const html = captured.mail.html as string
    const document = new new Window().DOMParser().parseFromString(html, 'text/html')
    const links = Array.from(document.querySelectorAll('a')).map((a) => a.getAttribute('href'))
    expect(links).toEqual([url, url])
    expect(document.querySelector('table[role="presentation"]')).not.toBe(null)
    expect(document.querySelector('td[bgcolor="#ffcc00"]')).not.toBe(null)
    expect(document.querySelectorAll('script, link, style')).toHaveLength(0)
  })

  it('escapes values in the HTML part', async () => {
    const emailProvider = provider({ server: smtp.url, from })
    const hostile =
      'http://127.0.0.1:3000/api/auth/callback/email?callbackUrl=%22%3E&x="><script>alert(1)</script>'
    await emailProvider.sendVerificationRequest({
      identifier: 'ada@example.com',
      url: hostile,
      expires: new Date(Date.now() + 600_000),
      provider: emailProvider,
      token: 'abc',
      theme: { brandColor: '"><script>alert(2)</script>', buttonText: 'red;x:expression(1)' },
      request,
    })
    const { mail } = await smtp.nextMessage()
    const html = mail.html as string
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;')
    const document = new new Window().DOMParser().parseFromString(html, 'text/html')
    expect(document.querySelector('a')?.getAttribute('href')).toBe(hostile)
    expect(mail.text).toContain('expires in 10 minutes')
  })

  it('creates its transport once per provider', async () => {
    const pooled = await startSmtpServer()
    try {
      const emailProvider = provider({
        server: { host: '127.0.0.1', port: pooled.port, pool: true, maxConnections: 1 },
        from,
      })
      await send(emailProvider, 'first@example.com')
      await send(emailProvider, 'second@example.com')
      expect(pooled.messages.map((m) => m.envelope.to[0])).toEqual([
        'first@example.com',
        'second@example.com',
      ])
      // A transport made per email would have opened a pooled connection per email.
      expect(pooled.connections).toBe(1)
    } finally {
      await pooled.close()
    }
  })

  it('logs in with the credentials of the SMTP URL', async () => {
    const guarded = await startSmtpServer({ auth: { user: 'mailer', pass: 's3cret/+' } })
    try {
      await send(provider({ server: guarded.url, from }))
      expect((await guarded.nextMessage()).envelope.to).toEqual(['ada@example.com'])
      const wrong = guarded.url.replace('s3cret', 'wrong')
      const error = await send(provider({ server: wrong, from })).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(EmailSignin)
      expect(String((error as EmailSignin).cause)).toMatch(/auth|invalid/i)
    } finally {
      await guarded.close()
    }
  })

  it('uses no-reply at the app host when from is not set', async () => {
    const emailProvider = provider({ server: smtp.url })
    await emailProvider.sendVerificationRequest({
      identifier: 'ada@example.com',
      url: 'https://app.example/api/auth/callback/email?token=abc',
      expires: new Date(Date.now() + 600_000),
      provider: emailProvider,
      token: 'abc',
      theme: {},
      request,
    })
    expect((await smtp.nextMessage()).envelope.from).toBe('no-reply@app.example')
  })

  it('throws EmailSignin with the cause when the recipient is refused', async () => {
    const before = smtp.messages.length
    const error = await send(provider({ server: smtp.url, from }), 'refused@example.com').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(EmailSignin)
    expect((error as EmailSignin).code).toBe('EmailSignin')
    expect((error as EmailSignin).cause).toMatchObject({ responseCode: 550 })
    expect(smtp.messages.length).toBe(before)
  })

  it('throws EmailSignin with the cause when the server is down', async () => {
    const port = await closedPort()
    const error = await send(provider({ server: `smtp://127.0.0.1:${port}`, from })).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(EmailSignin)
    expect((error as EmailSignin).cause).toMatchObject({ code: 'ESOCKET' })
    expect(String(((error as EmailSignin).cause as Error).message)).toContain('ECONNREFUSED')
  })
})

describe('email sign-in through SMTP and the memory adapter', () => {
  function context(): { ctx: RequestContext; store: ReturnType<typeof createMemoryStore> } {
    const store = createMemoryStore()
    const ctx = {
      config: {
        adapter: MemoryAdapter(store),
        secret: ['a-secret'],
        theme: { colorScheme: 'auto' },
      } as unknown as InternalConfig,
      request: fromWebRequest(request),
      url: new URL(request.url),
      origin: 'http://127.0.0.1:3000',
      baseUrl: 'http://127.0.0.1:3000/api/auth',
    } as RequestContext
    return { ctx, store }
  }

  it('sends a link that verifies the address once', async () => {
    const { ctx, store } = context()
    const emailProvider = provider({ server: smtp.url, from })
    await sendVerificationEmail(ctx, emailProvider, 'Grace@Example.com', '/inbox')
    const captured = await smtp.nextMessage()
    expect(captured.envelope.to).toEqual(['grace@example.com'])

    const link = signInLink(captured)
    expect(link.pathname).toBe('/api/auth/callback/email')
    expect(link.searchParams.get('callbackUrl')).toBe('/inbox')
    const token = link.searchParams.get('token')!
    expect(JSON.stringify([...store.verificationTokens.values()])).not.toContain(token)

    const verified = await useVerificationEmail(ctx, emailProvider, link.searchParams)
    expect(verified.email).toBe('grace@example.com')
    await expect(useVerificationEmail(ctx, emailProvider, link.searchParams)).rejects.toThrow(
      'used already',
    )
  })

  it('leaves no usable token when the SMTP server refuses', async () => {
    const { ctx, store } = context()
    const emailProvider = provider({ server: smtp.url, from })
    await expect(
      sendVerificationEmail(ctx, emailProvider, 'refused@example.com', '/'),
    ).rejects.toBeInstanceOf(EmailSignin)
    expect(store.verificationTokens.size).toBe(0)
    expect(store.users.size).toBe(0)
  })
})
