/**
 * Escaping for values that go into the built-in pages and emails. Every value a page or an email
 * interpolates, whether from the request, the options or the adapter, passes through here.
 *
 * @module
 */

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/**
 * Escapes a value for HTML text or a double- or single-quoted attribute.
 *
 * @example
 * ```ts
 * escapeHtml('<b title="x">') // '&lt;b title=&quot;x&quot;&gt;'
 * ```
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (character) => htmlEscapes[character]!)
}

const cssColorPatterns = [
  /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i,
  /^(?:rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s/deg-]+\)$/i,
  /^[a-z]{3,30}$/i,
]

/**
 * Returns the value when it is a plain CSS colour (hex, `rgb()`, `hsl()` or a colour name), and
 * `undefined` otherwise. Theme colours go into a `<style>` element, where HTML escaping does not
 * help, so anything else is dropped rather than risk a style or markup injection.
 *
 * @example
 * ```ts
 * safeCssColor('#0a66c2') // '#0a66c2'
 * safeCssColor('red;}</style><script>') // undefined
 * ```
 */
export function safeCssColor(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined
  const color = value.trim()
  return cssColorPatterns.some((pattern) => pattern.test(color)) ? color : undefined
}

/**
 * Returns the value when it is a URL an image may be loaded from (https, http, a relative path or
 * an image `data:` URL), and `undefined` otherwise.
 *
 * @example
 * ```ts
 * safeImageUrl('https://app.example/logo.svg') // 'https://app.example/logo.svg'
 * safeImageUrl('javascript:alert(1)') // undefined
 * ```
 */
export function safeImageUrl(value: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const url = value.trim()
  if (/^(?:https?:\/\/|\/(?!\/)|data:image\/(?:png|gif|jpeg|webp);)/i.test(url)) return url
  return undefined
}
