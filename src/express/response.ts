/**
 * Writes the engine's Web `Response` to an Express response: status, every header, each
 * `Set-Cookie` as a header line of its own, and the body.
 *
 * @module
 */
import type { Response as ExpressResponse } from 'express'

/**
 * Sends `response` through `res`. A `Set-Cookie` list must not be joined with commas (cookie
 * dates contain commas), so it is read with `getSetCookie()` and set as an array.
 */
export async function sendWebResponse(response: Response, res: ExpressResponse): Promise<void> {
  res.status(response.status)

  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.append('Set-Cookie', cookies)

  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined
  res.end(body)
}
