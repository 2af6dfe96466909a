"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { failed, type FormState } from "@/lib/actions/form-state";
import { message } from "@/lib/i18n/message";
import { grantExemption, revokeExemption } from "@/lib/projects/exemptions";
import { changeProjectPolicy } from "@/lib/projects/policy";
import type { PolicyPreview } from "@/lib/projects/policy-preview";
import { endExemptionInput, grantExemptionInput, updatePolicyInput } from "@/lib/projects/settings-schemas";

/**
 * The project settings page's actions (components/projects/settings). Renaming and deleting
 * are lib/actions/projects/project.ts's.
 */

/**
 * Required two-factor authentication, secure methods only, grace period: owners and admins (as
 * in Twilio, where a project's administrators manage its 2FA; members never), in sudo mode. A
 * tightening change answers "policy_confirm_required" with whom it hits until sent again with
 * `confirm`.
 */
export const updateProjectPolicyAction = defineAction({
  access: "signed_in",
  project: "admin",
  sudo: true,
  input: updatePolicyInput,
  run: async (input, { session, request }): Promise<FormState & { preview?: PolicyPreview; previewChanged?: boolean }> => {
    const actor = { userId: session.userId, sessionId: session.id };
    const result = await changeProjectPolicy(
      actor,
      input.projectId,
      {
        requiredLevel: input.requiredLevel,
        secureMethodsOnly: input.secureMethodsOnly,
        graceDays: input.graceDays,
        expected: { requiredLevel: input.expectedLevel, secureMethodsOnly: input.expectedSecure, graceDays: input.expectedGraceDays },
        confirm: input.confirm,
        shownBlocked: input.shownBlocked,
      },
      request,
    );
    if (result.kind === "preview") return { ...failed("policy_confirm_required"), preview: result.preview, previewChanged: result.changed };
    if (result.kind === "unchanged") return { ok: true, message: message("projectSettings.done.unchanged") };
    revalidatePath(`/projects/${input.projectId}`, "layout");
    return { ok: true, message: message("projectSettings.done.policySaved") };
  },
});

/** An exception for one member, 1 to 30 days, with a reason: owners only, in sudo mode. */
export const grantProjectExemptionAction = defineAction({
  access: "signed_in",
  project: "owner",
  sudo: true,
  input: grantExemptionInput,
  run: async ({ projectId, userId, days, reason }, { session, request }) => {
    await grantExemption({ userId: session.userId, sessionId: session.id }, projectId, { userId, days, reason }, request);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: message("projectSettings.done.exemptionGranted") };
  },
});

/** Ends an exception early: owners only, in sudo mode. */
export const endProjectExemptionAction = defineAction({
  access: "signed_in",
  project: "owner",
  sudo: true,
  input: endExemptionInput,
  run: async ({ projectId, userId }, { session, request }) => {
    const ended = await revokeExemption({ userId: session.userId, sessionId: session.id }, projectId, userId, request);
    revalidatePath(`/projects/${projectId}`, "layout");
    return { ok: true, message: message(ended ? "projectSettings.done.exemptionEnded" : "projectSettings.done.exemptionAlreadyOver") };
  },
});
