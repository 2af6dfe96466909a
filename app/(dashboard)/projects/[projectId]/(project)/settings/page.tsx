import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DeleteProject } from "@/components/projects/settings/delete-project";
import { Exemptions } from "@/components/projects/settings/exemptions";
import { PolicyForm } from "@/components/projects/settings/policy-form";
import { RenameForm } from "@/components/projects/settings/rename-form";
import { SettingsLock } from "@/components/projects/settings/settings-lock";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { db } from "@/lib/db";
import { hasSudo, sudoMethodFor, sudoWindowMs } from "@/lib/policy";
import { EXEMPTION_DAYS_MAX } from "@/lib/policy/project";
import { listExemptions } from "@/lib/projects/exemptions";
import { projectPage } from "@/lib/projects/access";
import { EXEMPTION_REASON_MAX } from "@/lib/projects/settings-schemas";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectSettings"))("title") };
}

/** What the settings' client components read: the sudo prompt's and the forms' words too. */
const MESSAGES = ["projectSettings", "projects.levels", "projects.roles", "projects.done", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

/**
 * Project settings (owners and admins): name, required two-factor authentication, exceptions and
 * (owners) deletion. Twilio's "Authenticate to make changes": the values show with every control
 * off until this session is in sudo mode, and for as long as it lasts.
 */
export default async function ProjectSettingsPage({ params }: Params) {
  const { project, session, role } = await projectPage((await params).projectId, "admin");
  const now = new Date();
  const unlocked = hasSudo(session, now);
  const isOwner = role === "owner";
  const [t, method, exemptions, members] = await Promise.all([
    getTranslations("projectSettings"),
    unlocked ? null : sudoMethodFor(session.userId),
    listExemptions(project.id, now),
    isOwner
      ? db.projectMember.findMany({
          where: { projectId: project.id, userId: { not: session.userId } },
          select: { userId: true, user: { select: { name: true, email: true } } },
          orderBy: { user: { name: "asc" } },
        })
      : [],
  ]);
  const until = unlocked ? new Date(session.verifiedAt!.getTime() + sudoWindowMs()).toISOString() : null;
  const locked = !unlocked;
  return (
    <ClientMessages namespaces={MESSAGES}>
      <div className="space-y-6">
        <SettingsLock until={until} method={method} />
        <Card title={t("name.title")}>
          <RenameForm projectId={project.id} name={project.name} locked={locked} />
        </Card>
        <Card title={t("policy.title")} description={t("policy.description")}>
          <PolicyForm
            projectId={project.id}
            current={{ requiredLevel: project.requiredLevel, secureMethodsOnly: project.secureMethodsOnly, graceDays: project.graceDays }}
            graceEndsAt={project.graceEndsAt && project.graceEndsAt > now ? project.graceEndsAt.toISOString() : null}
            locked={locked}
          />
        </Card>
        <Card title={t("exemptions.title")} description={t("exemptions.description", { max: EXEMPTION_DAYS_MAX })}>
          <Exemptions
            projectId={project.id}
            exemptions={exemptions.map((exemption) => ({ ...exemption, until: exemption.until.toISOString() }))}
            members={members.map((member) => ({ userId: member.userId, name: member.user.name, email: member.user.email }))}
            canManage={isOwner}
            locked={locked}
            reasonMax={EXEMPTION_REASON_MAX}
          />
        </Card>
        {isOwner && (
          <Card title={t("danger.title")} description={t("danger.description")}>
            <DeleteProject projectId={project.id} name={project.name} locked={locked} />
          </Card>
        )}
      </div>
    </ClientMessages>
  );
}
