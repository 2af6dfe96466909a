import { db } from "@/lib/db";
import { openSession } from "./factories";

/**
 * A stand-in for the request a server action or route handler runs in: the session its cookie
 * would name (a real row, read by the real lookup, lib/auth/sessions.ts findLiveSession) and the
 * browser's Accept-Language. Only the reading of the cookie and headers is replaced:
 *
 *   vi.mock("next/headers", () => import("@/test/request-session").then((m) => m.nextHeaders()));
 *   vi.mock("@/lib/auth/session", () => import("@/test/request-session").then((m) => m.sessionModule()));
 */
export const fakeRequest = { sessionId: null as string | null, acceptLanguage: "en" };

export function resetFakeRequest() {
  fakeRequest.sessionId = null;
  fakeRequest.acceptLanguage = "en";
}

export function nextHeaders() {
  return {
    headers: async () => new Headers({ "user-agent": "vitest", "accept-language": fakeRequest.acceptLanguage }),
    cookies: async () => ({ get: () => undefined, set: () => {} }),
  };
}

export async function sessionModule() {
  const { findLiveSession } = await import("@/lib/auth/sessions");
  const currentSession = async () => (fakeRequest.sessionId ? findLiveSession(fakeRequest.sessionId) : null);
  const getSession = async () => {
    const session = await currentSession();
    return session && session.pendingStep === null ? session : null;
  };
  return {
    currentSession,
    getSession,
    getPendingSession: async () => {
      const session = await currentSession();
      return session && session.pendingStep !== null ? session : null;
    },
    requireSession: async () => {
      const session = await getSession();
      if (!session) throw new Error("requireSession would redirect to /sign-in");
      return session;
    },
  };
}

/** Signs `userId` in for the next calls; `factor`: the session passed the authenticator app. */
export async function signInAs(userId: string, options: { factor?: boolean; pending?: boolean } = {}) {
  const session = await openSession(userId, options.pending ? "two_factor" : null);
  if (options.factor) await db.session.update({ where: { id: session.id }, data: { factorVerifiedAt: new Date(), factorMethod: "totp" } });
  fakeRequest.sessionId = session.id;
  return session;
}
