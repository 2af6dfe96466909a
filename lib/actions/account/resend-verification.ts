"use server";

import { requireSession } from "@/lib/auth/session";
import { sendVerificationEmail } from "@/lib/auth/email-verification";
import { fromError, type FormState } from "@/lib/actions/form-state";
import { currentRequestContext } from "@/lib/http/context";

export async function resendVerificationAction(): Promise<FormState> {
  const { user } = await requireSession();
  try {
    await sendVerificationEmail(user, await currentRequestContext());
    return { ok: true, message: `We sent a new link to ${user.email}.` };
  } catch (error) {
    return fromError(error);
  }
}
