"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { newPasswordSchema } from "@/lib/auth/password";
import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";
import { z } from "zod";
import { requirePasswordChange, setRequiredPassword } from "@/lib/support/password-change";
import { approveTwoFactorReset, refuseTwoFactorReset, resetTwoFactor, withdrawTwoFactorReset, type ResetOutcome } from "@/lib/support/reset";
import { decideResetSchema, requirePasswordChangeSchema, resetTwoFactorSchema } from "@/lib/support/reset-schemas";

/** What a reset answers: the code only to the admin who issued it, once, in this answer. */
type ResetState = { ok: true; state: ResetOutcome["state"]; accessCode?: string; expiresAt?: string };
const answer = (outcome: ResetOutcome): ResetState =>
  outcome.state === "issued" ? { ok: true, state: "issued", accessCode: outcome.code, expiresAt: outcome.expiresAt.toISOString() } : { ok: true, state: "pending_approval" };

/** Reset two-factor authentication (support admins, sudo; lib/support/reset.ts checks it all again). */
export const resetTwoFactorAction = defineAction({
  access: "support_admin",
  sudo: true,
  input: resetTwoFactorSchema,
  run: async (input, { session, request }) => {
    const outcome = await resetTwoFactor({ userId: session.userId, sessionId: session.id }, input, request);
    revalidatePath("/support/resets");
    return answer(outcome);
  },
});

export const approveResetAction = defineAction({
  access: "support_admin",
  sudo: true,
  input: decideResetSchema,
  run: async ({ resetId }, { session, request }) => {
    const outcome = await approveTwoFactorReset({ userId: session.userId, sessionId: session.id }, resetId, request);
    revalidatePath("/support/resets");
    return answer(outcome);
  },
});

export const refuseResetAction = defineAction({
  access: "support_admin",
  sudo: true,
  input: decideResetSchema,
  run: async ({ resetId }, { session, request }) => {
    await refuseTwoFactorReset({ userId: session.userId, sessionId: session.id }, resetId, request);
    revalidatePath("/support/resets");
    return { ok: true, message: message("supportResets.pending.refusedNotice") };
  },
});

/** The requester withdraws their own pending request (dual control). */
export const withdrawResetAction = defineAction({
  access: "support_admin",
  sudo: true,
  input: decideResetSchema,
  run: async ({ resetId }, { session, request }) => {
    await withdrawTwoFactorReset({ userId: session.userId, sessionId: session.id }, resetId, request);
    revalidatePath("/support/resets");
    return { ok: true, message: message("supportResets.pending.withdrawnNotice") };
  },
});

export const requirePasswordChangeAction = defineAction({
  access: "support_admin",
  sudo: true,
  input: requirePasswordChangeSchema,
  run: async (input, { session, request }) => {
    const { sessionsEnded } = await requirePasswordChange({ userId: session.userId, sessionId: session.id }, input, request);
    return { ok: true, message: message("supportResets.password.done", { count: sessionsEnded }) };
  },
});

const newRequiredPasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine((value) => value.password === value.confirmPassword, { message: "validation.passwordsDiffer", path: ["confirmPassword"] });

/**
 * The new password support required (/sign-in/new-password). "public" access, because every
 * signed-in path (requireSession) sends this person here; the session is checked right below.
 */
export const setRequiredPasswordAction = defineAction({
  access: "public",
  input: newRequiredPasswordSchema,
  run: async ({ password }, { request }) => {
    const session = await getSession();
    if (!session) throw new AppError("sign_in_expired");
    await setRequiredPassword({ userId: session.userId, sessionId: session.id }, password, request);
    redirect("/security");
  },
});
