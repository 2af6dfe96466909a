import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { enrolmentChoices } from "@/components/projects/enforcement/choices";
import { EnrolFlow } from "@/components/projects/enforcement/enrol-flow";
import { LeaveProject } from "@/components/projects/members/leave-project";
import { Alert } from "@/components/ui/alert";
import { LocalTime } from "@/components/ui/local-time";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { nextInProject, projectMembership } from "@/lib/projects/access";
import { countOwners } from "@/lib/projects/members";
import { phoneDeliveryAvailable } from "@/lib/sms/settings";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ next?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectAccess.enrol"))("title") };
}

/**
 * A project's enrolment (issue item 5): a member without a method that counts comes here before
 * seeing anything of the project, picks a method and sets it up, then goes on to `next`. Also
 * reached from the grace banner while the project still lets the member in. Membership only: this
 * is how a blocked member gets in.
 */
export default async function ProjectEnrolPage({ params, searchParams }: Props) {
  const [{ projectId }, { next }] = await Promise.all([params, searchParams]);
  const { project, verdict, session, role } = await projectMembership(projectId);
  const target = nextInProject(project.id, next);
  if (verdict.kind === "verify") redirect(`/projects/${project.id}/verify?next=${encodeURIComponent(target)}`);
  const compliant = verdict.kind === "allowed" && !verdict.graceEndsAt;
  // Already compliant: on to the project. Not while a confirmation re-renders this page (a server
  // action that revalidated): the flow may still be showing the new recovery codes, and its own
  // Continue takes the member on once they are kept.
  if (compliant && !(await headers()).has("next-action")) redirect(target);

  const [t, levels, owners] = await Promise.all([
    getTranslations("projectAccess.enrol"),
    getTranslations("projects.levels"),
    role === "owner" ? countOwners(project.id) : Promise.resolve(0),
  ]);
  // Leaving needs membership only (lib/actions/projects/members.ts): someone who would rather not
  // set up a method can go instead. Not the last owner (a project keeps one), nor once set up.
  const canLeave = !compliant && !(role === "owner" && owners <= 1);
  const { methods, preselected } = enrolmentChoices(project, session.user.lastFactorType, phoneDeliveryAvailable());
  const values = { project: project.name, level: levels(project.requiredLevel) };
  const graceEndsAt = verdict.kind === "allowed" ? verdict.graceEndsAt : undefined;
  return (
    <ClientMessages
      namespaces={[
        "projectAccess.enrol",
        "security.twoFactor.methods",
        "security.enrolment",
        "security.panel",
        "security.sudo",
        "security.lock",
        "keys",
        "phone.enrol",
        "phone.challenge",
        "projectMembers.leave",
        "projectMembers.cancel",
        ...FORM_MESSAGES,
      ]}
    >
      <PageHeader title={t("title")} />
      <div className="space-y-6">
        <Card
          title={project.name}
          description={graceEndsAt ? t.rich("requiredGrace", { ...values, time: () => <LocalTime value={graceEndsAt.toISOString()} /> }) : t("required", values)}
        >
          <div className="space-y-5">
            {project.secureMethodsOnly && <Alert tone="info">{t("secureOnly")}</Alert>}
            <EnrolFlow methods={methods} preselected={preselected} projectName={project.name} next={target} compliant={compliant} />
          </div>
        </Card>
        {canLeave && (
          <Card title={t("leave.title")} description={t("leave.description", { project: project.name })}>
            <LeaveProject projectId={project.id} projectName={project.name} lastOwner={false} />
          </Card>
        )}
      </div>
    </ClientMessages>
  );
}
