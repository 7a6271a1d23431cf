/**
 * Reads the body of a POST: URL-encoded forms (what browsers and `next-auth/react` send) and
 * JSON. Bodies over the limit or of another type are refused with {@link InvalidRequest}.
 *
 * @module
 */
import { InvalidRequest } from './errors.js'
import type { HeaderReader } from './internal.js'

/** The most bytes of body the engine reads. */
export const BODY_LIMIT = 64 * 1024

/** The fields of a POST body; JSON values keep their shape, form values are strings. */
export type BodyFields = Record<string, unknown>

/**
 * Parses the request body, or returns an empty object for a body-less request.
 *
 * @example
 * ```ts
 * const fields = await readBody(request)
 * const csrfToken = fields.csrfToken
 * ```
 */
export async function readBody(request: Request): Promise<BodyFields> {
  if (request.method !== 'POST' || !request.body) return {}
  const declared = Number(request.headers.get('content-length') ?? '0')
  if (declared > BODY_LIMIT) throw tooLarge()
  return parseBody(await readLimited(request), request.headers.get('content-type'))
}

/**
 * Parses a POST body already read as text, by its `Content-Type`: JSON objects, URL-encoded
 * forms (also untyped or `text/plain`) and multipart forms' string fields.
 *
 * @example
 * ```ts
 * parseBody('csrfToken=abc&json=true', 'application/x-www-form-urlencoded')
 * ```
 */
export async function parseBody(text: string, contentType: string | null): Promise<BodyFields> {
  if (!text) return {}
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (cause) {
      throw new InvalidRequest('The JSON body could not be parsed.', { cause })
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new InvalidRequest('The JSON body must be an object.')
    }
    return parsed as BodyFields
  }
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') {
    return Object.fromEntries(new URLSearchParams(text))
  }
  if (type === 'multipart/form-data') {
    const form = await new Response(text, { headers: { 'content-type': contentType! } }).formData()
    const fields: BodyFields = {}
    form.forEach((value, key) => {
      if (typeof value === 'string') fields[key] = value
    })
    return fields
  }
  throw new InvalidRequest(`The content type ${type} is not accepted; send a form or JSON.`, {
    status: 415,
  })
}

/** The 413 for a body over {@link BODY_LIMIT}. */
export function tooLarge(): InvalidRequest {
  return new InvalidRequest('The request body is too large.', { status: 413 })
}

async function readLimited(request: Request): Promise<string> {
  const reader = request.body!.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > BODY_LIMIT) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A string field, or `undefined` when absent or not a string. */
export function stringField(fields: BodyFields, name: string): string | undefined {
  const value = fields[name]
  return typeof value === 'string' ? value : undefined
}

/** Whether the client asked for a JSON answer instead of a redirect. */
export function wantsJson(request: { headers: HeaderReader }, fields: BodyFields): boolean {
  if (fields.json === true || fields.json === 'true') return true
  return (request.headers.get('content-type') ?? '').includes('application/json')
}
