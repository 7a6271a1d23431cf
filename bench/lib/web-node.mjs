/**
 * The node:http glue for the fetch-style libraries (Gatehouse, @auth/core, better-auth): one
 * IncomingMessage into a Web Request, one Web Response back out. The same code serves all
 * three, so its cost is the same in each of their numbers.
 */

/** Reads the whole request body; GET and HEAD have none. */
function readBody(req) {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(undefined)
  return new Promise((resolve, reject) => {
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The Web Request for `req`, with its URL on `origin`. */
export async function toWebRequest(req, origin) {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1])
  const body = await readBody(req)
  return new Request(origin + req.url, { method: req.method, headers, body })
}

/** Writes `response` to `res`: status, headers, every Set-Cookie on its own line, body. */
export async function sendWebResponse(response, res) {
  res.statusCode = response.status
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value)
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) res.setHeader('set-cookie', cookies)
  if (!response.body) return res.end()
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** A node:http handler that runs `fetchHandler` on every request, on the app's `origin`. */
export function nodeHandler(fetchHandler, origin) {
  return async (req, res) => {
    try {
      await sendWebResponse(await fetchHandler(await toWebRequest(req, origin)), res)
    } catch (error) {
      res.statusCode = 500
      res.end(String(error?.stack ?? error))
    }
  }
}
