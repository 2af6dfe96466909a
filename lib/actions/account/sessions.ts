"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notice } from "@/lib/i18n/message";
import { defineAction } from "@/lib/actions/define-action";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";

export const revokeSessionAction = defineAction({
  access: "signed_in",
  input: z.object({ sessionId: z.uuid("validation.unknownSession") }),
  run: async ({ sessionId }, { session, request }) => {
    // Scoped to the signed-in user in the query: another person's session id matches nothing.
    if (!(await revokeSession(session.userId, sessionId, request, "revoked_by_user"))) throw new AppError("not_found");
    revalidatePath("/security");
    return { ok: true, message: notice("notices.sessionRevoked") };
  },
});

export const revokeOtherSessionsAction = defineAction({
  access: "signed_in",
  run: async (_input, { session, request }) => {
    const count = await revokeOtherSessions(session.userId, session.id, request);
    revalidatePath("/security");
    return { ok: true, message: notice("notices.otherSessionsRevoked", { count }) };
  },
});
