"use server";

import { signOut } from "@/lib/auth/next-auth";
import { getPendingSession, getSession } from "@/lib/auth/session";
import { revokeSession } from "@/lib/auth/sessions";
import { currentRequestContext } from "@/lib/http/context";

export async function signOutAction(): Promise<void> {
  const session = (await getSession()) ?? (await getPendingSession());
  if (session) {
    await revokeSession(session.userId, session.id, await currentRequestContext(), "sign_out");
  }
  await signOut({ redirectTo: "/sign-in?signedOut=1" });
}
