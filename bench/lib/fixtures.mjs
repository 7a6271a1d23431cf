/**
 * What every server in the benchmark shares: the signed-in user, the secret, the URL layout and
 * the check a session response must pass.
 */
export const SECRET = 'gatehouse-bench-secret-0123456789abcdef-0123456789abcdef'
export const USER = { id: 'bench-user-1', name: 'Bench User', email: 'bench@example.com' }
export const PASSWORD = 'correct horse battery staple'
export const BASE_PATH = '/api/auth'
export const HOST = '127.0.0.1'

/** The substring a session response must contain to count as a signed-in answer. */
export const SESSION_MARK = `"email":"${USER.email}"`

/** Whether a session response body carries the signed-in user. */
export function isSignedIn(body) {
  return typeof body === 'string' && body.includes(SESSION_MARK)
}
