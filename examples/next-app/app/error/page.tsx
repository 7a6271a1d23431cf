import Link from 'next/link'

const messages: Record<string, string> = {
  Configuration: 'The server is not configured correctly. The log names what to fix.',
  AccessDenied: 'You may not sign in with that account.',
  Verification: 'That sign-in link was used already or has expired. Ask for a new one.',
  OAuthCallback: 'The sign-in provider answered with something Gatehouse could not accept.',
}

export default async function ErrorPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>
}) {
  const { error = 'Default' } = await searchParams

  return (
    <div className="card">
      <h1>Sign-in problem</h1>
      <p data-testid="error-code">
        <code>{error}</code>
      </p>
      <p>{messages[error] ?? 'Something went wrong while signing in.'}</p>
      <Link className="button" href="/login">
        Back to sign-in
      </Link>
    </div>
  )
}
