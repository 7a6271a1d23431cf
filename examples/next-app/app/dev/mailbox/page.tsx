import { readMailbox } from '@/lib/mailbox'

export const dynamic = 'force-dynamic'

/** The dev mailbox: every message the local SMTP server received. */
export default function MailboxPage() {
  const messages = readMailbox()

  return (
    <>
      <h1>Dev mailbox</h1>
      {messages.length === 0 && (
        <p className="muted">No mail yet. Ask for a magic link on the sign-in page.</p>
      )}
      {messages.map((message) => {
        const link = /https?:\/\/\S+\/callback\/email\S*/.exec(message.text)?.[0]
        return (
          <article className="card" key={message.receivedAt + message.to.join()} data-testid="mail">
            <p className="muted">
              To {message.to.join(', ')} · {new Date(message.receivedAt).toLocaleString('en')}
            </p>
            <h2>{message.subject}</h2>
            {link ? (
              <a className="button" href={link} data-testid="magic-link">
                Open the sign-in link
              </a>
            ) : (
              <pre>{message.text}</pre>
            )}
          </article>
        )
      })}
    </>
  )
}
