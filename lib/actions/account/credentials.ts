"use server";

import { revalidatePath } from "next/cache";
import { changeEmailSchema, changePassword, changePasswordSchema } from "@/lib/auth/change-credentials";
import { requestEmailChange } from "@/lib/auth/email-change";
import { requireSession } from "@/lib/auth/session";
import { fromError, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { sudoRequired } from "@/lib/actions/guard";
import { currentRequestContext } from "@/lib/http/context";

export async function changePasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = changePasswordSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  const sudo = await sudoRequired(session);
  if (sudo) return sudo;
  try {
    const signedOut = await changePassword(session.userId, session.id, parsed.data.password, await currentRequestContext());
    revalidatePath("/security");
    return { ok: true, message: signedOut > 0 ? `Password changed. ${signedOut} other ${signedOut === 1 ? "session was" : "sessions were"} signed out.` : "Password changed." };
  } catch (error) {
    return fromError(error);
  }
}

export async function changeEmailAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = changeEmailSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  const sudo = await sudoRequired(session);
  if (sudo) return sudo;
  try {
    await requestEmailChange(session.userId, parsed.data.email, await currentRequestContext());
    revalidatePath("/account");
    return {
      ok: true,
      message: `We sent a confirmation link to ${parsed.data.email}. Your email address stays ${session.user.email} until you open it.`,
    };
  } catch (error) {
    return fromError(error);
  }
}
