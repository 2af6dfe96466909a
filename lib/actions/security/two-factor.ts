"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireSession } from "@/lib/auth/session";
import { fromError, failed, formObject, invalid, type FormState } from "@/lib/actions/form-state";
import { sudoRequired } from "@/lib/actions/guard";
import { currentRequestContext } from "@/lib/http/context";
import { disableTwoFactor } from "@/lib/mfa/disable";
import { recoveryCodesText } from "@/lib/mfa/recovery-codes";
import { regenerateRecoveryCodes } from "@/lib/mfa/recovery-set";
import { hasSecondFactor } from "@/lib/mfa/status";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/mfa/totp-enrolment";

export type EnrolmentState = FormState & { factorId?: string; setupKey?: string; uri?: string };
export type RecoveryCodesState = FormState & { recoveryCodes?: string[]; recoveryText?: string };

function withCodes(email: string, codes: string[]): RecoveryCodesState {
  return { ok: true, recoveryCodes: codes, recoveryText: recoveryCodesText({ email, codes, generatedAt: new Date() }) };
}

/**
 * Starts enrolling an authenticator. Sudo even for the first one: otherwise a stolen session
 * could enrol the thief's phone and lock the owner out. Replacing a factor is sudo by rule 6.
 */
export async function startEnrolmentAction(): Promise<EnrolmentState> {
  const session = await requireSession();
  const sudo = await sudoRequired(session);
  if (sudo) return sudo;
  try {
    return { ok: true, ...(await startTotpEnrolment(session.userId)) };
  } catch (error) {
    return fromError(error);
  }
}

const confirmSchema = z.object({
  factorId: z.uuid("Start the setup again."),
  code: z.string().trim().min(1, "Enter the 6-digit code from your authenticator app.").max(64),
});

export async function confirmEnrolmentAction(_previous: RecoveryCodesState, formData: FormData): Promise<RecoveryCodesState> {
  const session = await requireSession();
  const parsed = confirmSchema.safeParse(formObject(formData));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const result = await confirmTotpEnrolment(session.userId, parsed.data, await currentRequestContext());
    revalidatePath("/security");
    return result.recoveryCodes ? withCodes(session.user.email, result.recoveryCodes) : { ok: true };
  } catch (error) {
    return fromError(error);
  }
}

export async function regenerateRecoveryCodesAction(): Promise<RecoveryCodesState> {
  const session = await requireSession();
  if (!(await hasSecondFactor(session.userId))) return failed("two_factor_not_enabled");
  const sudo = await sudoRequired(session);
  if (sudo) return sudo;
  const codes = await regenerateRecoveryCodes(session.userId, await currentRequestContext());
  revalidatePath("/security");
  return withCodes(session.user.email, codes);
}

export async function disableTwoFactorAction(): Promise<FormState> {
  const session = await requireSession();
  const sudo = await sudoRequired(session);
  if (sudo) return sudo;
  try {
    await disableTwoFactor(session.userId, await currentRequestContext());
  } catch (error) {
    return fromError(error);
  }
  revalidatePath("/security");
  return { ok: true, message: "Two-factor authentication is off." };
}
