import Link from 'next/link'

import { demoUsers } from '@/lib/demo-users'

export default function HomePage() {
  return (
    <>
      <h1>Gatehouse demo</h1>
      <p>
        A Next.js App Router app with the NextAuth.js API, served by Gatehouse on an embedded
        database. Everything works offline.
      </p>
      <div className="card">
        <h2>Sign in with</h2>
        <table>
          <thead>
            <tr>
              <th>Email</th>
              <th>Password</th>
              <th>Role</th>
            </tr>
          </thead>
          <tbody>
            {demoUsers.map((user) => (
              <tr key={user.email}>
                <td>
                  <code>{user.email}</code>
                </td>
                <td>
                  <code>{user.password}</code>
                </td>
                <td>{user.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">
          Or ask for a magic link (it lands in the <Link href="/dev/mailbox">dev mailbox</Link>), or
          use the dev OpenID provider, which accepts any login name.
        </p>
        <Link className="button" href="/login">
          Go to sign-in
        </Link>
      </div>
    </>
  )
}
