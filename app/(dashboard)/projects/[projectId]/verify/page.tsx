import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { verifyReason } from "@/components/projects/enforcement/choices";
import { VerifyGate } from "@/components/projects/enforcement/verify-gate";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { PageHeader } from "@/components/ui/page-header";
import { nextInProject, projectMembership } from "@/lib/projects/access";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ next?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectAccess.verify"))("title") };
}

/**
 * A project's verification (issue item 5): the member has a method that counts, but this session
 * has not passed one as the project asks (Every login; Once per computer on a browser that is
 * not trusted; a phone under Secure methods only). Passing the prompt marks the session; then on
 * to `next`. Membership only: this is how a blocked member gets in.
 */
export default async function ProjectVerifyPage({ params, searchParams }: Props) {
  const [{ projectId }, { next }] = await Promise.all([params, searchParams]);
  const { project, verdict, session } = await projectMembership(projectId);
  const target = nextInProject(project.id, next);
  if (verdict.kind === "enrol") redirect(`/projects/${project.id}/enrol?next=${encodeURIComponent(target)}`);
  if (verdict.kind === "allowed") redirect(target);

  const t = await getTranslations("projectAccess.verify");
  const reason = verifyReason(project, session.user.twoFactorLevel, session);
  return (
    <ClientMessages namespaces={["security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES]}>
      <PageHeader title={t("title")} />
      <Card title={project.name} description={t(reason, { project: project.name })}>
        <VerifyGate next={target} />
      </Card>
    </ClientMessages>
  );
}
