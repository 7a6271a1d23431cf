/**
 * The shell shared by every built-in page: a complete HTML document with a small inline style
 * sheet that follows the `theme` option. Pages need no client JavaScript.
 *
 * @module
 */
import type { Theme } from '../types.js'
import { escapeHtml, safeCssColor, safeImageUrl } from './escape.js'

/** What a page puts in the shell. */
export interface DocumentParts {
  /** The document title, plain text. */
  title: string
  /** The page's markup, already escaped. */
  body: string
  theme: Theme | undefined
  /** Extra CSS rules, built only from values that passed {@link safeCssColor}. */
  extraStyle?: string
}

const lightPalette = `--gh-bg:#f4f5f7;--gh-card:#ffffff;--gh-text:#1b1d21;--gh-muted:#4a4f57;\
--gh-border:#8a9099;--gh-input:#ffffff;--gh-error-bg:#fdecec;--gh-error-text:#8a1c1c;`
const darkPalette = `--gh-bg:#16181c;--gh-card:#23262c;--gh-text:#f2f3f5;--gh-muted:#c4c8cf;\
--gh-border:#7b818b;--gh-input:#16181c;--gh-error-bg:#4a1f1f;--gh-error-text:#ffd7d7;`

/**
 * Picks black or white text for a background colour so that the contrast stays readable. Only
 * hex colours can be measured; for others the text is white.
 */
export function readableTextColor(background: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(background)?.[1]
  if (!hex) return '#ffffff'
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex
  const [red, green, blue] = [0, 2, 4].map((start) => {
    const channel = parseInt(full.slice(start, start + 2), 16) / 255
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
  // White on the colour wins when its contrast ratio beats black's.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#000000'
}

function paletteRules(colorScheme: Theme['colorScheme']): string {
  if (colorScheme === 'dark') return `:root{color-scheme:dark;${darkPalette}}`
  if (colorScheme === 'light') return `:root{color-scheme:light;${lightPalette}}`
  return `:root{color-scheme:light dark;${lightPalette}}\
@media (prefers-color-scheme:dark){:root{${darkPalette}}}`
}

function themeRules(theme: Theme | undefined): string {
  const brand = safeCssColor(theme?.brandColor) ?? '#2f5fd0'
  const buttonText = safeCssColor(theme?.buttonText) ?? readableTextColor(brand)
  return `${paletteRules(theme?.colorScheme)}:root{--gh-brand:${brand};--gh-button-text:${buttonText};}`
}

const baseRules = `*{box-sizing:border-box}\
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;\
background:var(--gh-bg);color:var(--gh-text);\
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}\
main{width:100%;max-width:26rem;margin:1.5rem;padding:2rem;background:var(--gh-card);\
border:1px solid var(--gh-border);border-radius:.75rem}\
h1{font-size:1.5rem;margin:0 0 1.25rem;text-align:center}\
p{margin:0 0 1rem}\
.logo{display:block;max-width:10rem;max-height:4rem;margin:0 auto 1.25rem}\
form{display:flex;flex-direction:column;gap:.5rem;margin:0}\
.provider+.provider{margin-top:1.25rem;padding-top:1.25rem;border-top:1px solid var(--gh-border)}\
label{font-weight:600}\
input{font:inherit;padding:.6rem .75rem;color:var(--gh-text);background:var(--gh-input);\
border:1px solid var(--gh-border);border-radius:.5rem}\
button,.button{font:inherit;font-weight:600;display:block;width:100%;padding:.7rem 1rem;\
text-align:center;text-decoration:none;cursor:pointer;color:var(--gh-button-text);\
background:var(--gh-brand);border:2px solid transparent;border-radius:.5rem}\
button:hover,.button:hover{filter:brightness(1.1)}\
a{color:inherit}\
:focus-visible{outline:3px solid var(--gh-text);outline-offset:2px}\
input:focus-visible{outline-color:var(--gh-brand);border-color:var(--gh-brand)}\
.alert{padding:.75rem 1rem;margin:0 0 1.25rem;border-radius:.5rem;\
background:var(--gh-error-bg);color:var(--gh-error-text)}\
.muted{color:var(--gh-muted)}`

/**
 * The "back to the site" line of a page: the origin of an absolute URL named by its host, a
 * path as is, and nothing for a value that is neither.
 */
export function siteLink(url: string | URL): string {
  const value = String(url)
  if (value.startsWith('/') && !value.startsWith('//')) {
    return `<p class="muted"><a href="${escapeHtml(value)}">Back to the site</a></p>`
  }
  let site: URL
  try {
    site = new URL(value)
  } catch {
    return ''
  }
  if (site.protocol !== 'https:' && site.protocol !== 'http:') return ''
  return `<p class="muted"><a href="${escapeHtml(site.origin)}">Back to ${escapeHtml(site.host)}</a></p>`
}

/**
 * Renders a complete HTML document around a page body.
 *
 * @example
 * ```ts
 * const html = renderDocument({ title: 'Sign in', body: '<h1>Sign in</h1>', theme: {} })
 * ```
 */
export function renderDocument(parts: DocumentParts): string {
  const logo = safeImageUrl(parts.theme?.logo)
  const logoMarkup = logo ? `<img class="logo" src="${escapeHtml(logo)}" alt="">` : ''
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(parts.title)}</title>
<style>${themeRules(parts.theme)}${baseRules}${parts.extraStyle ?? ''}</style>
</head>
<body>
<main>
${logoMarkup}${parts.body}
</main>
</body>
</html>
`
}
