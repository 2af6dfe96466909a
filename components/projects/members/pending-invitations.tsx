import { getTranslations } from "next-intl/server";
import type { PendingInvitation } from "@/lib/projects/invitations";
import { LocalTime } from "@/components/ui/local-time";
import { RevokeInvitationButton } from "./revoke-invitation-button";

/** Owners and admins: invitations waiting for an answer, with when each expires, and Revoke. */
export async function PendingInvitations({ projectId, invitations }: { projectId: string; invitations: PendingInvitation[] }) {
  const [t, roles] = await Promise.all([getTranslations("projectMembers.pending"), getTranslations("projects.roles")]);
  if (invitations.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm" aria-label={t("label")}>
        <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2">{t("email")}</th>
            <th scope="col" className="px-3 py-2">{t("role")}</th>
            <th scope="col" className="px-3 py-2">{t("expires")}</th>
            <th scope="col" className="px-5 py-2">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invitations.map((invitation) => (
            <tr key={invitation.id} className="align-top">
              <td className="px-5 py-3">
                <div className="break-all font-medium text-slate-900">{invitation.email}</div>
                {invitation.inviterName && <div className="text-slate-600">{t("invitedBy", { name: invitation.inviterName })}</div>}
              </td>
              <td className="px-3 py-3 text-slate-700">{roles(invitation.role)}</td>
              <td className="px-3 py-3 whitespace-nowrap text-slate-600">
                <LocalTime value={invitation.expiresAt.toISOString()} />
              </td>
              <td className="px-5 py-3 text-right">
                <RevokeInvitationButton projectId={projectId} invitationId={invitation.id} email={invitation.email} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
