"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/session";
import { fromError, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { sudoRequired } from "@/lib/actions/guard";
import { currentRequestContext } from "@/lib/http/context";
import { setEmailLoginVerification } from "@/lib/mfa/email-login-setting";

const schema = z.object({ enabled: z.enum(["true", "false"]).transform((value) => value === "true") });

/** Turning the protection on is free; turning it off weakens the account, so it needs sudo. */
export async function setEmailLoginVerificationAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const session = await requireSession();
  const parsed = schema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  if (!parsed.data.enabled) {
    const sudo = await sudoRequired(session);
    if (sudo) return sudo;
  }
  try {
    await setEmailLoginVerification(session.userId, parsed.data.enabled, await currentRequestContext());
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/security");
  return { ok: true, message: parsed.data.enabled ? "Email login verification is on." : "Email login verification is off." };
}
