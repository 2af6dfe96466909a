import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InviteMemberForm } from "@/components/projects/members/invite-member-form";
import { LeaveProject } from "@/components/projects/members/leave-project";
import { MembersTable } from "@/components/projects/members/members-table";
import { PendingInvitations } from "@/components/projects/members/pending-invitations";
import { TransferOwnershipForm } from "@/components/projects/members/transfer-ownership-form";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { hasProjectRole, INVITATION_TTL_MS } from "@/lib/policy/project";
import { projectPage } from "@/lib/projects/access";
import { listPendingInvitations } from "@/lib/projects/invitations";
import { listMembers } from "@/lib/projects/members";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectMembers"))("title") };
}

/** What the members page's client parts read: its own words, role names, and the sudo prompt's. */
const CLIENT_MESSAGES = ["projectMembers", "projects.roles", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

/**
 * Members: everyone in the project sees who is in it and their roles; owners and admins also
 * invite and see pending invitations; owners change roles and transfer ownership; anyone leaves.
 */
export default async function ProjectMembersPage({ params }: Params) {
  const { project, role, session } = await projectPage((await params).projectId, "member");
  const manages = hasProjectRole(role, "admin");
  const [t, members, invitations] = await Promise.all([
    getTranslations("projectMembers"),
    listMembers(project.id),
    manages ? listPendingInvitations(project.id) : Promise.resolve([]),
  ]);
  const owners = members.filter((member) => member.role === "owner").length;
  const viewer = { userId: session.userId, role };
  return (
    <ClientMessages namespaces={CLIENT_MESSAGES}>
      <div className="space-y-6">
        <Card title={t("title")} description={`${t("count", { count: members.length })} · ${t("description")}`}>
          <MembersTable projectId={project.id} members={members} viewer={viewer} />
        </Card>
        {manages && (
          <Card title={t("invite.title")} description={t("invite.description", { days: Math.round(INVITATION_TTL_MS / 86_400_000) })}>
            <InviteMemberForm projectId={project.id} canInviteAdmins={role === "owner"} />
          </Card>
        )}
        {manages && (
          <Card title={t("pending.title")} description={t("pending.description")}>
            <PendingInvitations projectId={project.id} invitations={invitations} />
          </Card>
        )}
        {role === "owner" && (
          <Card title={t("transfer.title")} description={t("transfer.description")}>
            <TransferOwnershipForm projectId={project.id} candidates={members.filter((member) => member.role !== "owner").map(({ userId, name, email, role }) => ({ userId, name, email, role }))} />
          </Card>
        )}
        <Card title={t("leave.title")} description={t("leave.description")}>
          <LeaveProject projectId={project.id} projectName={project.name} lastOwner={role === "owner" && owners <= 1} />
        </Card>
      </div>
    </ClientMessages>
  );
}
