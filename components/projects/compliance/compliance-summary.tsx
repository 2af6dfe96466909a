import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import type { Project } from "@/lib/db/generated/client";
import { inGrace, type ComplianceState } from "@/lib/policy/project";
import type { ComplianceCounts } from "@/lib/projects/compliance";
import { ComplianceChart } from "./compliance-chart";
import { RemindAllButton } from "./reminder-forms";

const STATES: ComplianceState[] = ["compliant", "exempt", "grace", "not_compliant"];

/** The count ("7 of 9 members compliant"), the chart, what the project requires, and the actions on the whole table. */
export async function ComplianceSummary({ project, counts, remindable, now }: { project: Project; counts: ComplianceCounts; remindable: number; now: Date }) {
  const [t, projects] = await Promise.all([getTranslations("projectCompliance"), getTranslations("projects")]);
  const summary = t("summary.count", { compliant: counts.compliant, count: counts.members });
  const slices = STATES.map((state) => ({ state, label: t(`states.${state}`), count: counts[state] }));
  const graceEndsAt = project.requiredLevel !== "disabled" && inGrace(project, now) ? project.graceEndsAt : null;
  return (
    <Card title={t("summary.title")}>
      <div className="grid gap-6 md:grid-cols-2">
        <div className="space-y-4">
          <p id="compliance-summary" className="text-lg font-semibold text-slate-900" data-testid="compliance-count">
            {summary}
          </p>
          <ComplianceChart slices={slices} labelledBy="compliance-summary" centre={`${counts.compliant}/${counts.members}`} />
        </div>
        <div className="space-y-3 text-sm text-slate-700">
          {project.requiredLevel === "disabled" ? (
            <p>{t("requirement.none")}</p>
          ) : (
            <>
              <p>{t("requirement.set", { level: projects(`levels.${project.requiredLevel}`) })}</p>
              {project.secureMethodsOnly && <p>{t("requirement.secureOnly")}</p>}
              {graceEndsAt && <p>{t.rich("requirement.grace", { time: () => <LocalTime value={graceEndsAt.toISOString()} /> })}</p>}
            </>
          )}
          <div className="flex flex-wrap items-start gap-3 pt-2">
            {remindable > 0 && <RemindAllButton projectId={project.id} label={t("remind.all")} />}
            <a href={`/api/projects/${project.id}/compliance?format=csv`} className={buttonClass("secondary")} download>
              {t("download")}
            </a>
          </div>
        </div>
      </div>
    </Card>
  );
}
