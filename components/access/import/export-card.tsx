import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";

/** Export CSV, and with codes (sudo mode: the link is off until the page is unlocked). */
export async function ExportCard({ projectId, locked }: { projectId: string; locked: boolean }) {
  const t = await getTranslations("accessImport.export");
  const href = `/api/projects/${projectId}/access/export`;
  return (
    <Card title={t("title")} description={t("description")}>
      <div className="flex flex-wrap items-start gap-3">
        <a className={buttonClass("secondary")} href={href} download>
          {t("plain")}
        </a>
        {locked ? (
          <span className={buttonClass("secondary", "cursor-not-allowed opacity-50")} aria-disabled="true" aria-describedby="export-codes-hint">
            {t("withCodes")}
          </span>
        ) : (
          <a className={buttonClass("secondary")} href={`${href}?codes=1`} download aria-describedby="export-codes-hint">
            {t("withCodes")}
          </a>
        )}
      </div>
      <p id="export-codes-hint" className="mt-2 text-sm text-slate-600">{t("withCodesHint")}</p>
    </Card>
  );
}
