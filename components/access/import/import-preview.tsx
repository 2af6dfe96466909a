import { getFormatter, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { batchSizeFor } from "@/lib/access/csv-import-batch";
import type { AccessImportSummary } from "@/lib/access/csv-import";
import { ImportRunner } from "./import-runner";

/** Errors shown on the page; the stored list holds more (lib/access/csv-import.ts STORED_ERRORS). */
const SHOWN_ERRORS = 200;

/**
 * An uploaded file's check: counts, and its errors per row and column in the reader's language.
 * A file with errors cannot be imported ("fix the file and upload it again"); one without shows
 * the import with its progress.
 */
export async function ImportPreview({ projectId, summary, locked }: { projectId: string; summary: AccessImportSummary; locked: boolean }) {
  const [t, format] = await Promise.all([getTranslations("accessImport"), getFormatter()]);
  const errors = summary.errors.slice(0, SHOWN_ERRORS);
  const stats = [
    { key: "rows", label: t("preview.rows"), value: summary.total },
    { key: "new", label: t("preview.newUsers"), value: summary.newUsers },
    { key: "updated", label: t("preview.updatedUsers"), value: summary.updatedUsers },
    { key: "errors", label: t("preview.errors"), value: summary.errorCount, bad: summary.errorCount > 0 },
  ];
  return (
    <Card title={t("preview.title", { file: summary.fileName })}>
      <div className="space-y-5">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {stats.map((stat) => (
            <div key={stat.key} className={`rounded-md px-3 py-2 ring-1 ring-inset ${stat.bad ? "bg-red-50 ring-red-200" : "bg-slate-50 ring-slate-200"}`}>
              <dt className="text-xs text-slate-600">{stat.label}</dt>
              <dd className={`text-xl font-semibold tabular-nums ${stat.bad ? "text-red-700" : "text-slate-900"}`} data-testid={`import-${stat.key}`}>
                {format.number(stat.value)}
              </dd>
            </div>
          ))}
        </dl>
        {summary.errorCount > 0 ? (
          <>
            <Alert tone="error">{t("preview.hasErrors")}</Alert>
            <div>
              <table className="w-full text-left text-sm" aria-label={t("preview.errors")}>
                <caption className="pb-2 text-left text-xs text-slate-500">{t("preview.firstErrors", { shown: format.number(errors.length), count: format.number(summary.errorCount) })}</caption>
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">{t("preview.row")}</th>
                    <th scope="col" className="py-2 pr-4 font-medium">{t("preview.column")}</th>
                    <th scope="col" className="py-2 font-medium">{t("preview.problem")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {errors.map((error, index) => (
                    <tr key={index} className="align-top">
                      <td className="py-2 pr-4 tabular-nums text-slate-900">{error.row ?? t("preview.fileLevel")}</td>
                      <td className="py-2 pr-4 font-mono text-xs break-all text-slate-700 sm:break-normal">{error.column ?? "—"}</td>
                      <td className="py-2 text-slate-800">{t(`errors.${error.code}`, error.values ?? {})}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <ImportRunner
            projectId={projectId}
            importId={summary.id}
            initial={{ state: summary.state, done: summary.done, total: summary.total }}
            locked={locked}
            batchSize={batchSizeFor(summary.total)}
          />
        )}
      </div>
    </Card>
  );
}
