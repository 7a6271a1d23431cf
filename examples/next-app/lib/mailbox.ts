import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { dataDir } from './data-dir'

/** One message in the dev mailbox. */
export interface MailboxMessage {
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  receivedAt: string
}

const mailboxFile = () => path.join(dataDir, 'mailbox.json')

/** The messages the dev SMTP server (or the fallback sender) received, newest first. */
export function readMailbox(): MailboxMessage[] {
  try {
    return JSON.parse(readFileSync(mailboxFile(), 'utf8')) as MailboxMessage[]
  } catch {
    return []
  }
}

/** Files a message directly, for runs without the dev SMTP server. */
export function fileMessage(message: MailboxMessage): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(mailboxFile(), JSON.stringify([message, ...readMailbox()].slice(0, 50), null, 2))
}
