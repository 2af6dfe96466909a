"use client";

import { useTranslations } from "next-intl";
import { revokeInvitationAction } from "@/lib/actions/projects/invitations";
import { buttonClass } from "@/components/ui/button";
import { ActionOutcome, fields, useMemberAction } from "./shared";

/** Revoke a pending invitation: its link stops working at once. Undone by inviting again. */
export function RevokeInvitationButton({ projectId, invitationId, email }: { projectId: string; invitationId: string; email: string }) {
  const t = useTranslations("projectMembers.pending");
  const run = useMemberAction((formData) => revokeInvitationAction(formData));
  return (
    <div>
      <button type="button" className={buttonClass("secondary", "py-1.5")} disabled={run.pending} onClick={() => run.run(fields({ projectId, invitationId }))}>
        {t("revoke")}
        <span className="sr-only"> {email}</span>
      </button>
      <ActionOutcome run={run} showSuccess={false} />
    </div>
  );
}
