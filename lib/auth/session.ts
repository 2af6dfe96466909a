import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { PATH_HEADER } from "@/lib/http/path-header";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { sessionIdFromCookie } from "./session-cookie";
import { findLiveSession, type LiveSession } from "./sessions";

export type ActiveSession = LiveSession & { pendingStep: null };
export type PendingSession = LiveSession & { pendingStep: NonNullable<LiveSession["pendingStep"]> };

/** The session named by the cookie (signed in or pending), checked against its server-side record on every request. */
export const currentSession = cache(async (): Promise<LiveSession | null> => {
  const sessionId = await sessionIdFromCookie();
  return sessionId ? findLiveSession(sessionId) : null;
});

/** The signed-in session; null when there is none or its sign-in still waits for a second step. */
export const getSession = cache(async (): Promise<ActiveSession | null> => {
  const session = await currentSession();
  return session && session.pendingStep === null ? (session as ActiveSession) : null;
});

/** A sign-in that passed the password and waits for its second step. */
export async function getPendingSession(): Promise<PendingSession | null> {
  const session = await currentSession();
  return session && session.pendingStep !== null ? (session as PendingSession) : null;
}

/** For pages and actions that need a signed-in person: sends everyone else where they belong. */
export async function requireSession(): Promise<ActiveSession> {
  const session = await getSession();
  // Support required a new password (lib/support/password-change.ts): nothing else until it is
  // set. The flag comes with the session's user row, so this costs no query.
  if (session?.user.passwordChangeRequiredAt) redirect("/sign-in/new-password");
  if (session) return session;
  if (await getPendingSession()) redirect("/sign-in/verify");
  // Back to this page after signing in (proxy.ts names it; the sign-in page checks it again).
  const here = safeRedirectPath((await headers()).get(PATH_HEADER) ?? undefined, "");
  redirect(here && here !== "/security" ? `/sign-in?callbackUrl=${encodeURIComponent(here)}` : "/sign-in");
}
