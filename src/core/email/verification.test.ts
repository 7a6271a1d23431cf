import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createMemoryStore, MemoryAdapter, type MemoryStore } from '../../adapters/memory.js'
import { AdapterError, ConfigurationError, EmailSignin, Verification } from '../errors.js'
import type { InternalConfig, RequestContext } from '../internal.js'
import { fromWebRequest } from '../request.js'
import type { EmailConfig, SendVerificationRequestParams } from '../types.js'
import {
  defaultNormalizeIdentifier,
  hashVerificationToken,
  normalizeEmailProvider,
  randomVerificationToken,
  sendVerificationEmail,
  smtpSenderMarker,
  useVerificationEmail,
} from './index.js'

function setup(options: { secret?: string[]; provider?: Partial<EmailConfig> } = {}) {
  const store: MemoryStore = createMemoryStore()
  const sent: SendVerificationRequestParams[] = []
  const provider = normalizeEmailProvider(
    {
      id: 'email',
      name: 'Email',
      type: 'email',
      sendVerificationRequest: (params) => {
        sent.push(params)
      },
      ...options.provider,
    },
    '/api/auth',
  )
  const request = new Request('http://127.0.0.1:3000/api/auth/signin/email', { method: 'POST' })
  const ctx = {
    config: {
      adapter: MemoryAdapter(store),
      secret: options.secret ?? ['first-secret'],
      theme: { colorScheme: 'auto', brandColor: '#123456' },
    } as unknown as InternalConfig,
    request: fromWebRequest(request),
    url: new URL(request.url),
    origin: 'http://127.0.0.1:3000',
    baseUrl: 'http://127.0.0.1:3000/api/auth',
  } as RequestContext
  return { store, sent, provider, ctx }
}

function linkParams(url: string): URLSearchParams {
  return new URL(url).searchParams
}

describe('sendVerificationEmail', () => {
  it('stores only the hash of the token, bound to the first secret, and sends the link', async () => {
    const { store, sent, provider, ctx } = setup({ secret: ['new-secret', 'old-secret'] })
    const before = Date.now()
    await sendVerificationEmail(ctx, provider, ' Ada@Example.com ', '/dashboard?tab=1')

    expect(sent).toHaveLength(1)
    const params = sent[0]!
    expect(params.identifier).toBe('ada@example.com')
    expect(params.token).toMatch(/^[0-9a-f]{64}$/)
    expect(params.provider).toBe(provider)
    expect(params.theme).toBe(ctx.config.theme)
    expect(params.request).toBe(ctx.request.toRequest())

    const link = new URL(params.url)
    expect(link.origin + link.pathname).toBe('http://127.0.0.1:3000/api/auth/callback/email')
    expect(link.searchParams.get('callbackUrl')).toBe('/dashboard?tab=1')
    expect(link.searchParams.get('token')).toBe(params.token)
    expect(link.searchParams.get('email')).toBe('ada@example.com')

    const rows = [...store.verificationTokens.values()]
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect(row.identifier).toBe('ada@example.com')
    expect(row.token).not.toBe(params.token)
    expect(row.token).toBe(createHash('sha256').update(`${params.token}new-secret`).digest('hex'))
    expect(JSON.stringify([...store.verificationTokens])).not.toContain(params.token)
    expect(row.expires.getTime()).toBeGreaterThanOrEqual(before + 86_400_000)
    expect(row.expires.getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000)
    expect(params.expires.getTime()).toBe(row.expires.getTime())
  })

  it('makes a different token for every link', async () => {
    const { sent, provider, ctx } = setup()
    await sendVerificationEmail(ctx, provider, 'ada@example.com', '/')
    await sendVerificationEmail(ctx, provider, 'ada@example.com', '/')
    expect(sent[0]!.token).not.toBe(sent[1]!.token)
  })

  it('uses maxAge and generateVerificationToken', async () => {
    const { store, sent, provider, ctx } = setup({
      provider: { maxAge: 600, generateVerificationToken: () => '123456' },
    })
    await sendVerificationEmail(ctx, provider, 'ada@example.com', '/')
    expect(sent[0]!.token).toBe('123456')
    const row = [...store.verificationTokens.values()][0]!
    expect(row.expires.getTime() - Date.now()).toBeLessThanOrEqual(600_000)
    expect(row.expires.getTime() - Date.now()).toBeGreaterThan(590_000)
    expect(row.token).toBe(await hashVerificationToken('123456', 'first-secret'))
  })

  it('refuses lists and several @ with EmailSignin, storing and sending nothing', async () => {
    const { store, sent, provider, ctx } = setup()
    for (const address of [
      'a@x.example,b@y.example',
      'a@x.example;b@y.example',
      'a@b@x.example',
      'Ada <ada@x.example>',
      'ada@x.example\r\nBcc: victim@y.example',
      'no-at-sign',
      '@x.example',
      'ada@',
      '',
    ]) {
      await expect(
        sendVerificationEmail(ctx, provider, address, '/'),
        address,
      ).rejects.toBeInstanceOf(EmailSignin)
    }
    expect(sent).toHaveLength(0)
    expect(store.verificationTokens.size).toBe(0)
  })

  it('turns a failed send into EmailSignin with the cause, and voids the stored token', async () => {
    const failure = new Error('mail API is down')
    const { store, provider, ctx } = setup({
      provider: {
        sendVerificationRequest: () => {
          throw failure
        },
      },
    })
    const error = await sendVerificationEmail(ctx, provider, 'ada@example.com', '/').catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(EmailSignin)
    expect((error as EmailSignin).cause).toBe(failure)
    expect(store.verificationTokens.size).toBe(0)
  })

  it('wraps an adapter failure in AdapterError', async () => {
    const { provider, ctx } = setup()
    ctx.config.adapter!.createVerificationToken = () => {
      throw new Error('disk full')
    }
    await expect(
      sendVerificationEmail(ctx, provider, 'ada@example.com', '/'),
    ).rejects.toBeInstanceOf(AdapterError)
  })

  it('needs an adapter with the token methods', async () => {
    const { provider, ctx } = setup()
    ;(ctx.config as { adapter: unknown }).adapter = undefined
    await expect(
      sendVerificationEmail(ctx, provider, 'ada@example.com', '/'),
    ).rejects.toBeInstanceOf(ConfigurationError)
  })
})

describe('useVerificationEmail', () => {
  async function sendOne(options?: Parameters<typeof setup>[0]) {
    const context = setup(options)
    await sendVerificationEmail(context.ctx, context.provider, 'ada@example.com', '/welcome')
    return { ...context, params: linkParams(context.sent[0]!.url) }
  }

  it('accepts the link once and returns the address and the email account', async () => {
    const { ctx, provider, params, store } = await sendOne()
    const verified = await useVerificationEmail(ctx, provider, params)
    expect(verified).toEqual({
      email: 'ada@example.com',
      account: { provider: 'email', type: 'email', providerAccountId: 'ada@example.com' },
    })
    expect(store.verificationTokens.size).toBe(0)
    await expect(useVerificationEmail(ctx, provider, params)).rejects.toBeInstanceOf(Verification)
  })

  it('normalises the address in the link', async () => {
    const { ctx, provider, params } = await sendOne()
    params.set('email', '  ADA@example.COM')
    expect((await useVerificationEmail(ctx, provider, params)).email).toBe('ada@example.com')
  })

  it('refuses an expired link', async () => {
    const { ctx, provider, params, store } = await sendOne()
    for (const row of store.verificationTokens.values()) row.expires = new Date(Date.now() - 1000)
    const error = await useVerificationEmail(ctx, provider, params).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Verification)
    expect((error as Error).message).toContain('expired')
  })

  it('refuses a foreign or altered token, leaving the real one usable', async () => {
    const { ctx, provider, params } = await sendOne()
    const forged = new URLSearchParams(params)
    forged.set('token', randomVerificationToken())
    await expect(useVerificationEmail(ctx, provider, forged)).rejects.toBeInstanceOf(Verification)
    const altered = new URLSearchParams(params)
    altered.set(
      'token',
      params.get('token')!.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    )
    await expect(useVerificationEmail(ctx, provider, altered)).rejects.toBeInstanceOf(Verification)
    expect((await useVerificationEmail(ctx, provider, params)).email).toBe('ada@example.com')
  })

  it('refuses the token with another address, leaving it usable for its own', async () => {
    const { ctx, provider, params } = await sendOne()
    const other = new URLSearchParams(params)
    other.set('email', 'mallory@example.com')
    await expect(useVerificationEmail(ctx, provider, other)).rejects.toBeInstanceOf(Verification)
    expect((await useVerificationEmail(ctx, provider, params)).email).toBe('ada@example.com')
  })

  it('refuses a token stored as it was sent (the raw token is never accepted as its hash)', async () => {
    const { ctx, provider, store } = setup()
    await ctx.config.adapter!.createVerificationToken!({
      identifier: 'ada@example.com',
      token: 'raw-token',
      expires: new Date(Date.now() + 60_000),
    })
    const params = new URLSearchParams({ email: 'ada@example.com', token: 'raw-token' })
    await expect(useVerificationEmail(ctx, provider, params)).rejects.toBeInstanceOf(Verification)
    expect(store.verificationTokens.size).toBe(1)
  })

  it('accepts a link hashed with an older secret after rotation', async () => {
    const { ctx, provider, params, store } = await sendOne({ secret: ['old-secret'] })
    ctx.config.secret = ['new-secret', 'old-secret']
    expect((await useVerificationEmail(ctx, provider, params)).email).toBe('ada@example.com')
    expect(store.verificationTokens.size).toBe(0)
  })

  it('refuses a link whose secret is no longer configured', async () => {
    const { ctx, provider, params } = await sendOne({ secret: ['old-secret'] })
    ctx.config.secret = ['new-secret']
    await expect(useVerificationEmail(ctx, provider, params)).rejects.toBeInstanceOf(Verification)
  })

  it('refuses incomplete or oversized links', async () => {
    const { ctx, provider, params } = await sendOne()
    for (const broken of [
      new URLSearchParams({ email: 'ada@example.com' }),
      new URLSearchParams({ token: params.get('token')! }),
      new URLSearchParams({ email: 'ada@example.com', token: 'x'.repeat(10_000) }),
      new URLSearchParams({ email: 'a@b@example.com', token: params.get('token')! }),
    ]) {
      await expect(useVerificationEmail(ctx, provider, broken)).rejects.toBeInstanceOf(Verification)
    }
  })
})

describe('defaultNormalizeIdentifier', () => {
  it('lower-cases and trims', () => {
    expect(defaultNormalizeIdentifier('  Ada.Lovelace+News@Example.CO.UK\t')).toBe(
      'ada.lovelace+news@example.co.uk',
    )
  })

  it('refuses everything that is not one plain address', () => {
    for (const address of [
      'a@b@c.example',
      'a@c.example, b@c.example',
      'a b@c.example',
      '"a"@c.example',
      'a@c',
      '.a@c.example',
      'a@-c.example',
      `${'a'.repeat(320)}@c.example`,
    ]) {
      expect(() => defaultNormalizeIdentifier(address), address).toThrow(EmailSignin)
    }
  })
})

describe('normalizeEmailProvider', () => {
  const sender = () => undefined

  it('fills in the defaults and the paths', () => {
    const provider = normalizeEmailProvider(
      { type: 'email', sendVerificationRequest: sender } as unknown as EmailConfig,
      '/auth',
    )
    expect(provider).toMatchObject({
      id: 'email',
      name: 'Email',
      maxAge: 86_400,
      signinPath: '/auth/signin/email',
      callbackPath: '/auth/callback/email',
    })
    expect(provider.normalizeIdentifier).toBe(defaultNormalizeIdentifier)
  })

  it('keeps custom options', () => {
    const normalizeIdentifier = (value: string) => value
    const provider = normalizeEmailProvider(
      {
        id: 'magic',
        name: 'Magic link',
        type: 'email',
        maxAge: 60,
        normalizeIdentifier,
        sendVerificationRequest: sender,
      },
      '/api/auth',
    )
    expect(provider).toMatchObject({
      id: 'magic',
      maxAge: 60,
      callbackPath: '/api/auth/callback/magic',
    })
    expect(provider.normalizeIdentifier).toBe(normalizeIdentifier)
  })

  it('names the option that is wrong', () => {
    const base = {
      id: 'email',
      name: 'Email',
      type: 'email' as const,
      sendVerificationRequest: sender,
    }
    const smtpSender = Object.assign(() => undefined, { [smtpSenderMarker]: true })
    const cases: Array<[Partial<EmailConfig>, string]> = [
      [{ sendVerificationRequest: undefined }, 'sendVerificationRequest'],
      [{ sendVerificationRequest: smtpSender }, '`server`'],
      [{ sendVerificationRequest: smtpSender, server: '' }, '`server`'],
      [{ maxAge: 0 }, '`maxAge`'],
      [{ maxAge: Number.NaN }, '`maxAge`'],
      [{ generateVerificationToken: 'abc' as never }, '`generateVerificationToken`'],
      [{ normalizeIdentifier: 1 as never }, '`normalizeIdentifier`'],
      [{ id: 'bad id/../x' }, '`id`'],
    ]
    for (const [change, option] of cases) {
      const attempt = () =>
        normalizeEmailProvider({ ...base, ...change } as EmailConfig, '/api/auth')
      expect(attempt, option).toThrow(ConfigurationError)
      expect(attempt, option).toThrow(option)
    }
    expect(() =>
      normalizeEmailProvider(
        { ...base, sendVerificationRequest: smtpSender, server: 'smtp://127.0.0.1:25' },
        '/a',
      ),
    ).not.toThrow()
  })
})
