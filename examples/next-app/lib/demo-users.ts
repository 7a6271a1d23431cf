import type { Role } from '@/types/gatehouse'

/** A seeded account of the demo; the password is kept only as an scrypt hash. */
export interface DemoUser {
  email: string
  name: string
  role: Role
  bio: string
  /** The password, shown on the home page and printed at start-up: this is a demo. */
  password: string
  passwordHash: string
}

/** The two accounts every fresh demo database starts with. */
export const demoUsers: DemoUser[] = [
  {
    email: 'alice@example.com',
    name: 'Alice',
    role: 'user',
    bio: 'Writes the weekly newsletter.',
    password: 'alice-password',
    passwordHash: 'Z2YrKdJtl4I0tM13BX_CqQ:VFJfrGvv6O0vsjmfiyHStLdPWPIl2HyKMuy82e8TjQ4',
  },
  {
    email: 'admin@example.com',
    name: 'Ada Admin',
    role: 'admin',
    bio: 'Keeps the lights on.',
    password: 'admin-password',
    passwordHash: 'eBt9dA6zZmubMdpzlfJqyg:2bPwN6vFj6oCeOxhW_tWe-EU2oRdqXJrMWl-Q1C3Vt0',
  },
]
