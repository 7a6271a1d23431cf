import { LoginForm } from './login-form'

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>
}) {
  const { callbackUrl, error } = await searchParams
  // Only same-site paths: the engine would refuse others anyway.
  const target =
    callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//')
      ? callbackUrl
      : '/dashboard'

  return (
    <>
      <h1>Sign in</h1>
      <LoginForm callbackUrl={target} initialError={error ?? null} />
    </>
  )
}
