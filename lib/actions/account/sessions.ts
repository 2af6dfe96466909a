"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/session";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import { failed, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { currentRequestContext } from "@/lib/http/context";

const revokeSchema = z.object({ sessionId: z.uuid("Unknown session.") });

export async function revokeSessionAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = revokeSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  // Scoped to the signed-in user in the query: another person's session id matches nothing.
  const revoked = await revokeSession(session.userId, parsed.data.sessionId, await currentRequestContext(), "revoked_by_user");
  if (!revoked) return failed("not_found");
  revalidatePath("/security");
  return { ok: true, message: "Session revoked." };
}

export async function revokeOtherSessionsAction(): Promise<FormState> {
  const session = await requireSession();
  const count = await revokeOtherSessions(session.userId, session.id, await currentRequestContext());
  revalidatePath("/security");
  return { ok: true, message: count === 1 ? "Signed out 1 other session." : `Signed out ${count} other sessions.` };
}
