/**
 * The words users read for each error code. The codes are those of NextAuth.js v4, so links an
 * app already builds (`/api/auth/signin?error=OAuthSignin`) show a sentence, not a code.
 *
 * @module
 */

/** The error codes the sign-in page explains. */
export const signInErrorCodes = [
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'EmailCreateAccount',
  'Callback',
  'OAuthAccountNotLinked',
  'EmailSignin',
  'CredentialsSignin',
  'SessionRequired',
  'AccessDenied',
  'Verification',
  'default',
] as const

/** A code the sign-in page explains. */
export type SignInErrorCode = (typeof signInErrorCodes)[number]

const signInMessages: Record<SignInErrorCode, string> = {
  OAuthSignin: 'We could not start signing you in with that provider. Please try again.',
  OAuthCallback:
    'The provider’s answer could not be checked, so you were not signed in. Please try again.',
  OAuthCreateAccount:
    'Your account could not be set up from the provider’s details. Try another way to sign in.',
  EmailCreateAccount:
    'Your account could not be set up from that email address. Try another way to sign in.',
  Callback: 'Something went wrong while finishing your sign-in. Please try again.',
  OAuthAccountNotLinked:
    'This email address is already used with another sign-in method. Sign in the way you did before.',
  EmailSignin: 'The sign-in email could not be sent. Check the address and try again.',
  CredentialsSignin: 'Those details were not accepted. Check them and try again.',
  SessionRequired: 'Please sign in to see this page.',
  AccessDenied: 'You are not allowed to sign in with this account.',
  Verification:
    'That sign-in link is no longer valid: it was used already or it expired. Ask for a new one.',
  default: 'You could not be signed in. Please try again.',
}

/**
 * Returns the sentence the sign-in page shows for an error code; unknown codes get the default.
 *
 * @example
 * ```ts
 * signInErrorMessage('CredentialsSignin') // 'Those details were not accepted. ...'
 * ```
 */
export function signInErrorMessage(code: string): string {
  return Object.hasOwn(signInMessages, code)
    ? signInMessages[code as SignInErrorCode]
    : signInMessages.default
}

/** What the error page shows for one code. */
export interface ErrorPageMessage {
  heading: string
  paragraphs: string[]
  /** The HTTP status of the page. */
  status: number
}

const errorPageMessages: Record<string, ErrorPageMessage> = {
  configuration: {
    heading: 'Server error',
    paragraphs: [
      'Signing in is not set up correctly on this site.',
      'If you run this site, the server log names the option to fix.',
    ],
    status: 500,
  },
  accessdenied: {
    heading: 'Access denied',
    paragraphs: ['You are not allowed to sign in with this account.'],
    status: 403,
  },
  verification: {
    heading: 'This link does not work any more',
    paragraphs: [
      'The sign-in link was used already, or it expired.',
      'Ask for a new link from the sign-in page.',
    ],
    status: 403,
  },
  default: {
    heading: 'Something went wrong',
    paragraphs: ['You could not be signed in. Please try again.'],
    status: 200,
  },
}

/**
 * Returns the heading, sentences and status for the error page. The lookup ignores case, as in
 * NextAuth.js v4. Configuration answers 500, AccessDenied and Verification 403, and an unknown
 * code the Default page with 200, all as in v4; the other sign-in codes answer 400.
 *
 * @example
 * ```ts
 * errorPageMessage('Verification').status // 403
 * ```
 */
export function errorPageMessage(code: string): ErrorPageMessage {
  const known = errorPageMessages[code.toLowerCase()]
  if (known && Object.hasOwn(errorPageMessages, code.toLowerCase())) return known
  const signInCode = signInErrorCodes.find(
    (candidate) => candidate !== 'default' && candidate.toLowerCase() === code.toLowerCase(),
  )
  if (signInCode) {
    return {
      heading: 'Unable to sign in',
      paragraphs: [signInErrorMessage(signInCode)],
      status: 400,
    }
  }
  return errorPageMessages.default!
}
