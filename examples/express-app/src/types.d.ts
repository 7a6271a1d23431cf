// The example's session carries the user's id and role, declared as a NextAuth.js app does.
import type { DefaultSession } from 'gatehouse'

declare module 'gatehouse' {
  interface Session {
    user: { id: string; role: 'user' | 'admin' } & DefaultSession['user']
  }
}
