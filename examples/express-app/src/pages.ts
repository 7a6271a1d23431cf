/** The example's few HTML pages, as plain template strings. */
import type { Session } from 'gatehouse'

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML. Every value from a session or a provider goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character)
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
nav a{margin-right:1rem}code{background:#f3f3f3;padding:0 .25rem}</style></head>
<body><nav><a href="/">Home</a><a href="/dashboard">Dashboard</a><a href="/api/profile">/api/profile</a><a href="/admin">Admin</a></nav>
${body}
</body></html>`
}

export function homePage(session: Session | null, basePath: string): string {
  const who = session
    ? `<p>Signed in as <strong>${escapeHtml(session.user.email ?? session.user.id)}</strong>
       (role: <code>${escapeHtml(session.user.role)}</code>).</p>
       <p><a href="${basePath}/signout">Sign out</a></p>`
    : `<p>You are signed out.</p><p><a href="${basePath}/signin">Sign in</a></p>`
  return layout(
    'Gatehouse Express example',
    `<h1>Gatehouse on Express</h1>${who}
     <p>With the dev OpenID provider, any login name works; <code>admin</code> is an admin.</p>`,
  )
}

export function dashboardPage(session: Session): string {
  return layout(
    'Dashboard',
    `<h1>Dashboard</h1><p>Welcome, ${escapeHtml(session.user.name ?? 'there')}.</p>`,
  )
}

export function adminPage(session: Session): string {
  return layout(
    'Admin',
    `<h1>Admin</h1><p>Only admins see this; you are ${escapeHtml(session.user.email ?? '')}.</p>`,
  )
}
