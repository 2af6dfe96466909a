import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { CSV_COLUMNS } from "@/lib/access/csv-format";

const EXAMPLES: Record<(typeof CSV_COLUMNS)[number], string> = {
  external_id: "emp-0001",
  name: "Alex Example",
  email: "alex@example.com",
  status: "active",
  cards: "12:34567;12:34568",
  entry_code: "5521",
  mfa_codes: "482913;240517",
};

/** The file's format, documented where people upload it (lib/access/csv-format.ts), and the template. */
export async function FormatCard({ projectId }: { projectId: string }) {
  const t = await getTranslations("accessImport.format");
  return (
    <Card
      title={t("title")}
      description={t("intro")}
      actions={
        <a className={buttonClass("secondary")} href={`/api/projects/${projectId}/access/export?template=1`} download>
          {t("template")}
        </a>
      }
    >
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">{t("column")}</th>
            <th scope="col" className="py-2 font-medium">{t("meaning")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {CSV_COLUMNS.map((column) => (
            <tr key={column} className="align-top">
              <th scope="row" className="py-2 pr-4 font-mono text-xs font-medium whitespace-nowrap text-slate-900">{column}</th>
              <td className="py-2 text-slate-700">
                {t(`columns.${column}`)}
                <span className="mt-0.5 block font-mono text-xs break-all text-slate-500">{t("example", { value: EXAMPLES[column] })}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-slate-600">{t("replace")}</p>
    </Card>
  );
}
