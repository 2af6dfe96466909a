import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ComplianceSummary } from "@/components/projects/compliance/compliance-summary";
import { MembersTable } from "@/components/projects/compliance/members-table";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { loadComplianceTable, needsReminder } from "@/lib/projects/compliance";
import { projectPage } from "@/lib/projects/access";

type Params = { params: Promise<{ projectId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("projectCompliance"))("title") };
}

/** Compliance (owners and admins): who meets the project's 2FA requirement, and reminders for who does not. */
export default async function ProjectCompliancePage({ params }: Params) {
  const { project, session } = await projectPage((await params).projectId, "admin");
  const now = new Date();
  const [table, t] = await Promise.all([loadComplianceTable(project.id, project, now), getTranslations("projectCompliance")]);
  const remindable = table.rows.filter((row) => needsReminder(row.compliance)).length;
  return (
    // The reminder buttons' answers are the only words their client components read.
    <ClientMessages namespaces={["projectCompliance.done", ...FORM_MESSAGES]}>
      <div className="space-y-6">
        <ComplianceSummary project={project} counts={table.counts} remindable={remindable} now={now} />
        <Card title={t("table.title")} description={t("description")}>
          <MembersTable projectId={project.id} rows={table.rows} viewerId={session.userId} />
        </Card>
      </div>
    </ClientMessages>
  );
}
