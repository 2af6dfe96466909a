"use server";

import { definePostAction } from "@/lib/actions/define-action";
import { signOut } from "@/lib/auth/next-auth";
import { currentSession } from "@/lib/auth/session";
import { revokeSession } from "@/lib/auth/sessions";

/** Signs out a signed-in session or abandons a pending sign-in; either way the row is revoked. */
export const signOutAction = definePostAction({
  access: "public",
  run: async (_input, { request }) => {
    const session = await currentSession();
    if (session) await revokeSession(session.userId, session.id, request, "sign_out");
    await signOut({ redirectTo: "/sign-in?signedOut=1" });
    return { ok: true };
  },
});
