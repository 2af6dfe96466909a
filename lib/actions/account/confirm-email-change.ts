"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { confirmEmailChange } from "@/lib/auth/email-change";
import { fromError, invalid, formObject, type FormState } from "@/lib/actions/form-state";
import { currentRequestContext } from "@/lib/http/context";

const schema = z.object({ token: z.string().min(1).max(200) });

/** No session needed: the link itself proves the person reads the new address. */
export async function confirmEmailChangeAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = schema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await confirmEmailChange(parsed.data.token, await currentRequestContext());
  } catch (error) {
    return fromError(error);
  }
  redirect("/verify-email/done");
}
