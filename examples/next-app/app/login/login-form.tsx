'use client'

import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import { getProviders, signIn } from 'gatehouse/react'
import type { ClientSafeProviders } from 'gatehouse/react'

const errorMessages: Record<string, string> = {
  CredentialsSignin: 'That email and password do not match.',
  SessionRequired: 'Please sign in to see that page.',
  OAuthAccountNotLinked: 'That email already signed in another way; use that one.',
  EmailSignin: 'The sign-in email could not be sent.',
  Verification: 'That sign-in link is no longer valid.',
}

/** The demo's own sign-in page, built on getProviders() and signIn(). */
export function LoginForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string
  initialError: string | null
}) {
  const [providers, setProviders] = useState<ClientSafeProviders | null>(null)
  const [error, setError] = useState<string | null>(initialError)
  const [emailSent, setEmailSent] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    void getProviders().then(setProviders)
  }, [])

  async function onCredentials(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    const form = new FormData(event.currentTarget)
    const result = await signIn('credentials', {
      email: String(form.get('email')),
      password: String(form.get('password')),
      callbackUrl,
      redirect: false,
    })
    setBusy(false)
    if (!result || result.error) {
      setError(result?.error ?? 'Default')
      return
    }
    window.location.assign(result.url ?? callbackUrl)
  }

  async function onEmail(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setBusy(true)
    const address = String(new FormData(event.currentTarget).get('email'))
    const result = await signIn('email', { email: address, callbackUrl, redirect: false })
    setBusy(false)
    if (!result || result.error) setError(result?.error ?? 'EmailSignin')
    else setEmailSent(address)
  }

  const oauthProviders = Object.values(providers ?? {}).filter(
    (provider) => provider.type === 'oauth' || provider.type === 'oidc',
  )

  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid="login-error">
          {errorMessages[error] ?? `Sign-in failed (${error}).`}
        </p>
      )}

      <form className="card" onSubmit={onCredentials} aria-label="Sign in with a password">
        <h2>Email and password</h2>
        <label htmlFor="credentials-email">Email</label>
        <input id="credentials-email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="credentials-password">Password</label>
        <input
          id="credentials-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>

      <form className="card" onSubmit={onEmail} aria-label="Sign in with a magic link">
        <h2>Magic link</h2>
        {emailSent ? (
          <p data-testid="email-sent">
            A sign-in link is on its way to <strong>{emailSent}</strong>. Open the{' '}
            <a href="/dev/mailbox">dev mailbox</a> to follow it.
          </p>
        ) : (
          <>
            <label htmlFor="magic-email">Email</label>
            <input id="magic-email" name="email" type="email" required />
            <button type="submit" disabled={busy}>
              Email me a link
            </button>
          </>
        )}
      </form>

      {oauthProviders.length > 0 && (
        <div className="card">
          <h2>Single sign-on</h2>
          {oauthProviders.map((provider) => (
            <p key={provider.id}>
              <button type="button" onClick={() => signIn(provider.id, { callbackUrl })}>
                Continue with {provider.name}
              </button>
            </p>
          ))}
        </div>
      )}
    </>
  )
}
