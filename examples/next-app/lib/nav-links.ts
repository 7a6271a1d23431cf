/**
 * The entries of the demo's navigation. Pages added later (the tRPC page under app/trpc/, the
 * TanStack Query optimistic profile) get their entry here.
 */
export const navLinks: Array<{ href: string; label: string }> = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/profile', label: 'Profile' },
  { href: '/profile/edit', label: 'Edit profile' },
  { href: '/admin', label: 'Admin' },
  { href: '/trpc', label: 'tRPC' },
  { href: '/trpc/profile', label: 'Optimistic profile' },
  { href: '/dev/mailbox', label: 'Mailbox' },
]
