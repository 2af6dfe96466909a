"use client";

import { useTranslations } from "next-intl";
import { reinstateCodesAction } from "@/lib/actions/access/credentials";
import { unlinkAccessUserAction } from "@/lib/actions/access/users";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { formDataOf, useAccessAction } from "./use-access-action";

/**
 * The linked member left or had their 2FA reset: this person's keypad codes open nothing. An
 * admin may **Reinstate codes**; while the link points to someone no longer in the project,
 * **Unlink** comes first (lib/access/link.ts).
 */
export function SuspensionBanner({
  projectId,
  accessUserId,
  reason,
  since,
  memberName,
  memberInProject,
  canReinstate,
  canUnlink,
}: {
  projectId: string;
  accessUserId: string;
  reason: string;
  since: string;
  memberName: string;
  memberInProject: boolean;
  canReinstate: boolean;
  canUnlink: boolean;
}) {
  const t = useTranslations("access.suspension");
  const reinstate = useAccessAction(reinstateCodesAction);
  const unlink = useAccessAction(unlinkAccessUserAction);
  const fields = { projectId, accessUserId };
  const gone = !memberInProject && memberName !== "";
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200" role="region" aria-label={t("title")}>
      <h2 className="text-sm font-semibold text-amber-950">{t("title")}</h2>
      <p className="text-sm text-amber-950">
        {t(reason === "two_factor_reset" ? "twoFactorReset" : "memberRemoved", { name: memberName || t("formerMember") })}{" "}
        <span className="text-amber-900">
          {t("since")} <LocalTime value={since} />
        </span>
      </p>
      {(reinstate.notice.notice || unlink.notice.notice) && (
        <Alert ref={unlink.notice.notice ? unlink.notice.ref : reinstate.notice.ref} tone="success">
          {unlink.notice.notice ?? reinstate.notice.notice}
        </Alert>
      )}
      {(reinstate.refusal || unlink.refusal) && <Alert tone="error">{reinstate.refusal ?? unlink.refusal}</Alert>}
      {gone ? (
        <>
          <p className="text-sm text-amber-950">{t("goneHint")}</p>
          {canUnlink && (
            <Button variant="secondary" disabled={unlink.pending} onClick={() => unlink.run(formDataOf(fields))}>
              {t("unlink")}
            </Button>
          )}
        </>
      ) : (
        canReinstate &&
        !reinstate.sudo && (
          <Button variant="secondary" disabled={reinstate.pending} onClick={() => reinstate.run(formDataOf(fields))}>
            {t("reinstate")}
          </Button>
        )
      )}
      {reinstate.sudo && <SudoPrompt method={reinstate.sudo} onVerified={reinstate.retry} onCancel={reinstate.reset} />}
    </div>
  );
}
