import { getTranslations } from "next-intl/server";
import type { ProjectRole } from "@/lib/db/generated/enums";
import type { MemberListing } from "@/lib/projects/members";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { RemoveControl, RoleControl } from "./member-controls";

/**
 * Everyone in the project with their role. What the viewer may change shows in the row: owners
 * change roles and remove anyone; admins remove members and admins. (Not the compliance table,
 * which carries data-testid="project-members".)
 */
export async function MembersTable({ projectId, members, viewer }: { projectId: string; members: MemberListing[]; viewer: { userId: string; role: ProjectRole } }) {
  const [t, roles] = await Promise.all([getTranslations("projectMembers.table"), getTranslations("projects.roles")]);
  const canRemove = (member: MemberListing) =>
    member.userId !== viewer.userId && (viewer.role === "owner" || (viewer.role === "admin" && member.role !== "owner"));
  const manages = viewer.role !== "member";
  // The only owner's role cannot change (a project always keeps an owner): no control to offer.
  const soleOwner = members.filter((member) => member.role === "owner").length === 1;
  const roleChangeable = (member: MemberListing) => viewer.role === "owner" && !(soleOwner && member.role === "owner");
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm" aria-label={t("label")}>
        <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2">{t("name")}</th>
            <th scope="col" className="px-3 py-2">{t("role")}</th>
            <th scope="col" className="px-3 py-2">{t("joined")}</th>
            {manages && (
              <th scope="col" className="px-5 py-2">
                <span className="sr-only">{t("actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => (
            <tr key={member.userId} className="align-top">
              <td className="px-5 py-3">
                <div className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  <span className="break-words">{member.name}</span>
                  {member.userId === viewer.userId && <Badge>{t("you")}</Badge>}
                </div>
                <div className="break-all text-slate-600">{member.email}</div>
              </td>
              <td className="px-3 py-3">
                {roleChangeable(member) ? (
                  <RoleControl projectId={projectId} userId={member.userId} name={member.name} role={member.role} />
                ) : (
                  <Badge tone={member.role === "owner" ? "green" : "slate"}>{roles(member.role)}</Badge>
                )}
              </td>
              <td className="px-3 py-3 whitespace-nowrap text-slate-600">
                <LocalTime value={member.joinedAt.toISOString()} style="date" />
              </td>
              {manages && <td className="px-5 py-3 text-right">{canRemove(member) && <RemoveControl projectId={projectId} userId={member.userId} name={member.name} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
