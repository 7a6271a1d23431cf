/** The session JWE against jose and next-auth v4 (both directions), and against tampering. */
import { hkdfSync } from 'node:crypto'
import { CompactEncrypt, EncryptJWT, jwtDecrypt } from 'jose'
import { decode as nextAuthDecode, encode as nextAuthEncode } from 'next-auth/jwt'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decode, deriveEncryptionKey, encode } from '../../src/core/session/jwt.js'

const SECRET = 'jwt-test-secret-7c1e9a3b5d2f4068a1c3e5b7d9f0a2c4'
const OTHER = 'another-secret-entirely-b3d5f7a9c1e2d4f6a8b0c2e4'

function key(secret: string, salt = ''): Uint8Array {
  const info = salt
    ? `NextAuth.js Generated Encryption Key (${salt})`
    : 'NextAuth.js Generated Encryption Key'
  return new Uint8Array(hkdfSync('sha256', secret, salt, info, 32))
}

function parts(token: string): string[] {
  return token.split('.')
}

/** Flips one bit of the decoded bytes of part `index` and re-encodes it. */
function flipBit(token: string, index: number, byte = 0, bit = 0): string {
  const split = parts(token)
  const bytes = Buffer.from(split[index]!, 'base64url')
  bytes[byte] = bytes[byte]! ^ (1 << bit)
  split[index] = bytes.toString('base64url')
  return split.join('.')
}

function withHeader(token: string, header: Record<string, unknown>): string {
  const split = parts(token)
  split[0] = Buffer.from(JSON.stringify(header)).toString('base64url')
  return split.join('.')
}

afterEach(() => {
  vi.useRealTimers()
})

describe('encode / decode', () => {
  it('round-trips the claims and adds iat, exp (now + maxAge) and a jti', () => {
    const before = Math.floor(Date.now() / 1000)
    const token = encode({
      token: { sub: 'u1', name: 'Ada', role: 'admin' },
      secret: SECRET,
      maxAge: 3600,
    })
    const claims = decode({ token, secret: SECRET })
    expect(claims).toMatchObject({ sub: 'u1', name: 'Ada', role: 'admin' })
    expect(claims!.iat).toBeGreaterThanOrEqual(before)
    expect(claims!.exp).toBe(claims!.iat! + 3600)
    expect(claims!.jti).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('writes the compact JWE of NextAuth.js v4: header {alg:dir,enc:A256GCM}, no encrypted key, 96-bit IV', () => {
    const token = encode({ token: { sub: 'u1' }, secret: SECRET })
    const [header, encryptedKey, iv, , tag] = parts(token)
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'dir',
      enc: 'A256GCM',
    })
    expect(encryptedKey).toBe('')
    expect(Buffer.from(iv!, 'base64url')).toHaveLength(12)
    expect(Buffer.from(tag!, 'base64url')).toHaveLength(16)
  })

  it('uses a fresh IV and jti per token', () => {
    const a = encode({ token: { sub: 'u1' }, secret: SECRET })
    const b = encode({ token: { sub: 'u1' }, secret: SECRET })
    expect(parts(a)[2]).not.toBe(parts(b)[2])
    expect(decode({ token: a, secret: SECRET })!.jti).not.toBe(
      decode({ token: b, secret: SECRET })!.jti,
    )
  })

  it('derives the key with HKDF-SHA256 and the NextAuth.js info string', () => {
    expect(new Uint8Array(deriveEncryptionKey(SECRET, ''))).toEqual(key(SECRET))
    expect(new Uint8Array(deriveEncryptionKey(SECRET, 'authjs.session-token'))).toEqual(
      key(SECRET, 'authjs.session-token'),
    )
  })

  it('derives each key once and keeps it (no key derivation per request)', () => {
    expect(deriveEncryptionKey(SECRET, '')).toBe(deriveEncryptionKey(SECRET, ''))
    expect(deriveEncryptionKey(SECRET, 'x')).not.toBe(deriveEncryptionKey(SECRET, ''))
  })

  it('encodes and decodes synchronously (no WebCrypto round trip on the hot path)', () => {
    const token = encode({ token: { sub: 'u1' }, secret: SECRET })
    expect(typeof token).toBe('string')
    const claims = decode({ token, secret: SECRET })
    expect(claims).not.toBeInstanceOf(Promise)
    expect(claims?.sub).toBe('u1')
  })

  it('keeps tokens of different salts apart', () => {
    const token = encode({ token: { sub: 'u1' }, secret: SECRET, salt: 'a' })
    expect(decode({ token, secret: SECRET, salt: 'a' })?.sub).toBe('u1')
    expect(decode({ token, secret: SECRET, salt: 'b' })).toBeNull()
    expect(decode({ token, secret: SECRET })).toBeNull()
  })

  it('refuses an empty secret when encoding', () => {
    expect(() => encode({ token: {}, secret: '' })).toThrow(/secret/)
    expect(() => encode({ token: {}, secret: [] })).toThrow(/secret/)
  })

  it('returns null for no token, an empty one or garbage', () => {
    expect(decode({ token: undefined, secret: SECRET })).toBeNull()
    expect(decode({ token: '', secret: SECRET })).toBeNull()
    expect(decode({ token: 'not-a-jwt', secret: SECRET })).toBeNull()
    expect(decode({ token: 'a.b.c', secret: SECRET })).toBeNull()
    expect(decode({ token: '....', secret: SECRET })).toBeNull()
    expect(decode({ token: 'x'.repeat(70_000), secret: SECRET })).toBeNull()
  })

  it('accepts one spelling per token: spare bits in the last character of the tag or ciphertext are refused', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    // Several tokens, so ciphertext lengths of every remainder mod 4 come up.
    for (const name of ['a', 'ab', 'abc', 'abcd']) {
      const token = encode({ token: { sub: 'u1', name }, secret: SECRET })
      expect(decode({ token, secret: SECRET })?.name).toBe(name)
      const parts = token.split('.')
      for (const index of [3, 4]) {
        const part = parts[index]!
        const last = alphabet.indexOf(part.at(-1)!)
        const spare = part.length % 4 === 2 ? 15 : part.length % 4 === 3 ? 3 : 0
        if (spare === 0) continue
        // The same bytes, spelled with a spare bit set: Buffer would decode it all the same.
        const alias = part.slice(0, -1) + alphabet[(last & ~spare) | 1]
        expect(Buffer.from(alias, 'base64url')).toEqual(Buffer.from(part, 'base64url'))
        const forged = parts.map((value, at) => (at === index ? alias : value)).join('.')
        expect(decode({ token: forged, secret: SECRET })).toBeNull()
      }
    }
  })
})

describe('interop with jose', () => {
  it('our token decrypts with jose jwtDecrypt and the HKDF key', async () => {
    const token = encode({
      token: { sub: 'u1', email: 'ada@example.com' },
      secret: SECRET,
      maxAge: 60,
    })
    const { payload, protectedHeader } = await jwtDecrypt(token, key(SECRET), {
      clockTolerance: 15,
    })
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM' })
    expect(payload).toMatchObject({ sub: 'u1', email: 'ada@example.com' })
    expect(payload.exp! - payload.iat!).toBe(60)
  })

  it('a jose EncryptJWT (dir, A256GCM) token decodes with ours', async () => {
    const token = await new EncryptJWT({ sub: 'u2', name: 'Alan', custom: { nested: [1, 2] } })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .setJti('jti-1')
      .encrypt(key(SECRET))
    expect(decode({ token, secret: SECRET })).toMatchObject({
      sub: 'u2',
      name: 'Alan',
      custom: { nested: [1, 2] },
      jti: 'jti-1',
    })
  })

  it('a jose token with the header members in another order still decodes', async () => {
    const token = await new EncryptJWT({ sub: 'u3' })
      .setProtectedHeader({ enc: 'A256GCM', alg: 'dir' })
      .encrypt(key(SECRET))
    expect(decode({ token, secret: SECRET })?.sub).toBe('u3')
  })

  it('refuses a jose token with another enc (A128GCM) or a zip header', async () => {
    const a128 = await new EncryptJWT({ sub: 'u4' })
      .setProtectedHeader({ alg: 'dir', enc: 'A128GCM' })
      .encrypt(key(SECRET).slice(0, 16))
    expect(decode({ token: a128, secret: SECRET })).toBeNull()
    const withKid = await new EncryptJWT({ sub: 'u4' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: 'k1' })
      .encrypt(key(SECRET))
    expect(decode({ token: withKid, secret: SECRET })).toBeNull()
  })

  it('refuses a jose token whose exp passed more than 15 s ago, accepts one within the tolerance', async () => {
    const now = Math.floor(Date.now() / 1000)
    const expired = await new EncryptJWT({ sub: 'u5' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(now - 20)
      .encrypt(key(SECRET))
    expect(decode({ token: expired, secret: SECRET })).toBeNull()
    const skewed = await new EncryptJWT({ sub: 'u5' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setExpirationTime(now - 5)
      .encrypt(key(SECRET))
    expect(decode({ token: skewed, secret: SECRET })?.sub).toBe('u5')
  })

  it('refuses a token not valid before a time in the future', async () => {
    const token = await new EncryptJWT({ sub: 'u6' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setNotBefore(Math.floor(Date.now() / 1000) + 120)
      .encrypt(key(SECRET))
    expect(decode({ token, secret: SECRET })).toBeNull()
  })

  it('refuses a token whose exp is not a number', async () => {
    const token = await new EncryptJWT({ sub: 'u7', exp: 'never' as unknown as number })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(key(SECRET))
    expect(decode({ token, secret: SECRET })).toBeNull()
  })

  it('refuses a token whose plaintext is not a JSON object', async () => {
    for (const plaintext of ['[1,2]', '"text"', 'not json']) {
      const token = await new CompactEncrypt(new TextEncoder().encode(plaintext))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .encrypt(key(SECRET))
      expect(decode({ token, secret: SECRET })).toBeNull()
    }
  })
})

describe('interop with next-auth v4 (next-auth/jwt)', () => {
  it('a next-auth v4 session token decodes with ours', async () => {
    const token = await nextAuthEncode({
      token: { sub: 'v4-user', name: 'From v4', picture: null },
      secret: SECRET,
    })
    expect(decode({ token, secret: SECRET })).toMatchObject({ sub: 'v4-user', name: 'From v4' })
  })

  it('our token decodes with next-auth v4', async () => {
    const token = encode({ token: { sub: 'gh-user', email: 'ada@example.com' }, secret: SECRET })
    expect(await nextAuthDecode({ token, secret: SECRET })).toMatchObject({
      sub: 'gh-user',
      email: 'ada@example.com',
    })
  })

  it('agrees with next-auth v4 on salted tokens', async () => {
    const theirs = await nextAuthEncode({
      token: { sub: 's' },
      secret: SECRET,
      salt: 'my-salt',
    } as never)
    expect(decode({ token: theirs, secret: SECRET, salt: 'my-salt' })?.sub).toBe('s')
    const ours = encode({ token: { sub: 's' }, secret: SECRET, salt: 'my-salt' })
    expect(
      (await nextAuthDecode({ token: ours, secret: SECRET, salt: 'my-salt' } as never))?.sub,
    ).toBe('s')
  })

  it('a next-auth v4 token made with another secret does not decode', async () => {
    const token = await nextAuthEncode({ token: { sub: 'v4-user' }, secret: OTHER })
    expect(decode({ token, secret: SECRET })).toBeNull()
  })
})

describe('tampered tokens', () => {
  const token = encode({ token: { sub: 'u1', role: 'user' }, secret: SECRET })

  it.each([
    ['header', 0],
    ['iv', 2],
    ['ciphertext', 3],
    ['tag', 4],
  ])('a bit flipped in the %s is refused', (_name, index) => {
    const bytes = Buffer.from(parts(token)[index]!, 'base64url').length
    for (const byte of [0, Math.floor(bytes / 2), bytes - 1]) {
      for (const bit of [0, 7]) {
        expect(decode({ token: flipBit(token, index, byte, bit), secret: SECRET })).toBeNull()
      }
    }
  })

  it('a non-empty encrypted-key part is refused', () => {
    const split = parts(token)
    split[1] = 'AAAA'
    expect(decode({ token: split.join('.'), secret: SECRET })).toBeNull()
  })

  it('a truncated token is refused at every length', () => {
    for (let length = 0; length < token.length; length += 7) {
      expect(decode({ token: token.slice(0, length), secret: SECRET })).toBeNull()
    }
    expect(decode({ token: token.slice(0, -1), secret: SECRET })).toBeNull()
  })

  it('extra or missing parts are refused', () => {
    expect(decode({ token: `${token}.`, secret: SECRET })).toBeNull()
    expect(decode({ token: parts(token).slice(0, 4).join('.'), secret: SECRET })).toBeNull()
  })

  it('a header swapped to alg none, another enc or with extra members (zip, kid, crit) is refused', () => {
    for (const header of [
      { alg: 'none' },
      { alg: 'none', enc: 'A256GCM' },
      { alg: 'dir', enc: 'A128GCM' },
      { alg: 'dir', enc: 'A256CBC-HS512' },
      { alg: 'A256KW', enc: 'A256GCM' },
      { alg: 'dir', enc: 'A256GCM', zip: 'DEF' },
      { alg: 'dir', enc: 'A256GCM', kid: 'x' },
      { alg: 'dir', enc: 'A256GCM', crit: ['exp'] },
      { enc: 'A256GCM', alg: 'dir' },
    ]) {
      expect(decode({ token: withHeader(token, header), secret: SECRET })).toBeNull()
    }
  })

  it('a part that is not base64url is refused', () => {
    const split = parts(token)
    split[3] = `${split[3]!.slice(0, -2)}+/`
    expect(decode({ token: split.join('.'), secret: SECRET })).toBeNull()
  })

  it('ciphertext spliced from another token is refused', () => {
    const other = encode({ token: { sub: 'admin', role: 'admin' }, secret: SECRET })
    const split = parts(token)
    split[3] = parts(other)[3]!
    expect(decode({ token: split.join('.'), secret: SECRET })).toBeNull()
  })

  it('a token made with another secret is refused', () => {
    expect(
      decode({ token: encode({ token: { sub: 'u1' }, secret: OTHER }), secret: SECRET }),
    ).toBeNull()
  })
})

describe('expiry', () => {
  it('refuses a token past exp plus 15 s, accepts it within the tolerance', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
    const token = encode({ token: { sub: 'u1' }, secret: SECRET, maxAge: 60 })
    vi.setSystemTime(new Date('2026-01-01T00:01:10Z'))
    expect(decode({ token, secret: SECRET })?.sub).toBe('u1')
    vi.setSystemTime(new Date('2026-01-01T00:01:16Z'))
    expect(decode({ token, secret: SECRET })).toBeNull()
  })
})

describe('rotated secrets', () => {
  it('encrypts with the first secret of an array', () => {
    const token = encode({ token: { sub: 'u1' }, secret: [SECRET, OTHER] })
    expect(decode({ token, secret: SECRET })?.sub).toBe('u1')
    expect(decode({ token, secret: OTHER })).toBeNull()
  })

  it('decrypts with any secret of an array', () => {
    const old = encode({ token: { sub: 'old' }, secret: OTHER })
    const current = encode({ token: { sub: 'new' }, secret: SECRET })
    expect(decode({ token: old, secret: [SECRET, OTHER] })?.sub).toBe('old')
    expect(decode({ token: current, secret: [SECRET, OTHER] })?.sub).toBe('new')
    expect(decode({ token: old, secret: [SECRET] })).toBeNull()
  })

  it('decodes a next-auth v4 token made with the retired secret', async () => {
    const token = await nextAuthEncode({ token: { sub: 'v4' }, secret: OTHER })
    expect(decode({ token, secret: [SECRET, OTHER] })?.sub).toBe('v4')
  })
})
