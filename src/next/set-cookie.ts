/**
 * Reads the `Set-Cookie` headers of an engine response into the shape `cookies().set()` takes,
 * so a session refreshed by the engine can be written through Next's cookie store.
 *
 * @module
 */

/** One cookie as Next's `cookies().set(name, value, options)` wants it. */
export interface NextCookie {
  name: string
  value: string
  options: {
    path?: string
    domain?: string
    maxAge?: number
    expires?: Date
    httpOnly?: boolean
    secure?: boolean
    sameSite?: 'lax' | 'strict' | 'none'
  }
}

/**
 * Parses one `Set-Cookie` header value. Returns `null` for a header without a name.
 *
 * @example
 * ```ts
 * parseSetCookie('next-auth.session-token=abc; Path=/; HttpOnly; SameSite=Lax')
 * // { name: 'next-auth.session-token', value: 'abc', options: { path: '/', httpOnly: true, sameSite: 'lax' } }
 * ```
 */
export function parseSetCookie(header: string): NextCookie | null {
  const [pair = '', ...attributes] = header.split(';')
  const separator = pair.indexOf('=')
  if (separator <= 0) return null
  const name = pair.slice(0, separator).trim()
  const raw = pair.slice(separator + 1).trim()
  let value = raw
  try {
    value = decodeURIComponent(raw)
  } catch {
    // A value that is not percent-encoded is used as it came.
  }

  const options: NextCookie['options'] = {}
  for (const attribute of attributes) {
    const [key = '', ...rest] = attribute.split('=')
    const attributeValue = rest.join('=').trim()
    switch (key.trim().toLowerCase()) {
      case 'path':
        options.path = attributeValue
        break
      case 'domain':
        options.domain = attributeValue
        break
      case 'max-age':
        options.maxAge = Number(attributeValue)
        break
      case 'expires':
        options.expires = new Date(attributeValue)
        break
      case 'httponly':
        options.httpOnly = true
        break
      case 'secure':
        options.secure = true
        break
      case 'samesite':
        options.sameSite = attributeValue.toLowerCase() as 'lax' | 'strict' | 'none'
        break
    }
  }
  return { name, value, options }
}
