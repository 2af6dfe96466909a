import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ExportCard } from "@/components/access/import/export-card";
import { FormatCard } from "@/components/access/import/format-card";
import { ImportLock } from "@/components/access/import/import-lock";
import { ImportPreview } from "@/components/access/import/import-preview";
import { UploadForm } from "@/components/access/import/upload-form";
import { Card } from "@/components/ui/card";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { getAccessImport, type AccessImportSummary } from "@/lib/access/csv-import";
import { accessPage } from "@/lib/access/page-access";
import { AppError } from "@/lib/errors";
import { hasSudo, sudoMethodFor, sudoWindowMs } from "@/lib/policy";

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ import?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accessImport"))("title") };
}

const MESSAGES = ["accessImport", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Import and export of access users (Access User Admins): the file's format and template, the
 * upload, the preview of an uploaded file (?import=<id>) with its errors per row, the import with
 * its progress, and the export. Importing (and exporting codes) needs sudo mode: the controls stay
 * off until the viewer confirms it is them.
 */
export default async function AccessImportPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { access, actor } = await accessPage(projectId, "transfer");
  const requested = (await searchParams).import;
  const importId = typeof requested === "string" && UUID.test(requested) ? requested : null;
  const now = new Date();
  const unlocked = hasSudo(access.session, now);
  const [t, method, summary] = await Promise.all([
    getTranslations("accessImport"),
    unlocked ? null : sudoMethodFor(access.session.userId),
    importId ? getAccessImport(actor, importId).catch((error: unknown) => (error instanceof AppError && error.code === "not_found" ? null : Promise.reject(error))) : null,
  ]);
  const until = unlocked ? new Date(access.session.verifiedAt!.getTime() + sudoWindowMs()).toISOString() : null;
  return (
    <ClientMessages namespaces={MESSAGES}>
      <div className="space-y-6">
        <header>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
        </header>
        <ImportLock until={until} method={method} />
        {summary && <ImportPreview projectId={projectId} summary={summary satisfies AccessImportSummary} locked={!unlocked} />}
        {/* After errors, the fixed file goes up right here; while an import is under way, not another. */}
        {(!summary || summary.errorCount > 0) && (
          <Card title={t("upload.title")}>
            <UploadForm projectId={projectId} locked={!unlocked} />
          </Card>
        )}
        <FormatCard projectId={projectId} />
        <ExportCard projectId={projectId} locked={!unlocked} />
      </div>
    </ClientMessages>
  );
}
