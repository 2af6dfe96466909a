import { hasSudo } from "@/lib/auth/sudo";
import type { ActiveSession } from "@/lib/auth/session";
import { messageFor } from "@/lib/errors";
import { hasSecondFactor } from "@/lib/mfa/status";
import type { FormState } from "./form-state";

/**
 * Sudo mode for sensitive actions: null when the session verified recently; otherwise the
 * form state that makes the form ask for verification in place and then submit again.
 */
export async function sudoRequired(session: ActiveSession): Promise<FormState | null> {
  if (hasSudo(session)) return null;
  return {
    code: "sudo_required",
    message: messageFor("sudo_required"),
    sudo: (await hasSecondFactor(session.userId)) ? "two_factor" : "password",
  };
}
