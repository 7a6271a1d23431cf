/**
 * Tells every `SessionProvider` that the session changed: those of this tab directly, those of
 * other tabs of the same origin through a `BroadcastChannel`. A message may carry the new
 * session, which spares the receivers a request; without it they fetch `/session` again.
 *
 * @module
 */
import type { Session } from '../core/types.js'

/** Why the session changed. */
export type SessionTrigger = 'signIn' | 'signOut' | 'update' | 'getSession'

/** What a provider is told when the session changed elsewhere. */
export interface SessionChange {
  trigger: SessionTrigger
  /** The new session when the sender knew it; `undefined` means: fetch it. */
  session?: Session | null
  /** Whether the change came from another tab. */
  fromOtherTab: boolean
}

type SessionListener = (change: SessionChange) => void

const channelName = 'gatehouse.session'
const listeners = new Map<symbol, SessionListener>()
let channel: BroadcastChannel | null | undefined

/** The channel shared by the tabs, opened on first use; `null` where the browser has none. */
function tabChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel
  channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null
  if (channel) {
    channel.onmessage = (message: MessageEvent<{ trigger?: SessionTrigger }>) => {
      const trigger = message.data?.trigger
      if (!trigger) return
      for (const listener of listeners.values()) listener({ trigger, fromOtherTab: true })
    }
  }
  return channel
}

/**
 * Calls `listener` whenever the session changes in this tab or another one. Returns the
 * function that stops it.
 *
 * @example
 * ```ts
 * const stop = subscribeSession(id, (change) => refetch())
 * ```
 */
export function subscribeSession(id: symbol, listener: SessionListener): () => void {
  tabChannel()
  listeners.set(id, listener)
  return () => {
    listeners.delete(id)
  }
}

/**
 * Announces a session change to the providers of this tab (except `source`) and to other
 * tabs. Other tabs always fetch the session themselves: a session is never posted across tabs.
 *
 * @example
 * ```ts
 * announceSession('signOut', { session: null })
 * ```
 */
export function announceSession(
  trigger: SessionTrigger,
  options: { session?: Session | null; source?: symbol } = {},
): void {
  for (const [id, listener] of listeners) {
    if (id !== options.source) listener({ trigger, session: options.session, fromOtherTab: false })
  }
  tabChannel()?.postMessage({ trigger })
}
