// The demo's extended user, added to Gatehouse's types exactly as a NextAuth.js app does it.
import type { DefaultSession } from 'gatehouse'

/** The roles of the demo; admins may open /admin. */
export type Role = 'user' | 'admin'

declare module 'gatehouse' {
  interface Session {
    user: { id: string; role: Role; bio: string | null } & DefaultSession['user']
  }
  interface User {
    role?: Role
    bio?: string | null
  }
}
