import { unstable_rethrow } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { auditBundleLines } from "@/lib/audit/bundle";
import { sealAuditEvents } from "@/lib/audit/chain";
import { recordAudit } from "@/lib/audit/record";
import { auditScopeFor } from "@/lib/audit/scope";
import { AppError } from "@/lib/errors";
import { currentRequestContext } from "@/lib/http/context";
import { requestLocale } from "@/lib/i18n/locale";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { problem } from "@/lib/projects/define-project-route";
import { auditFilterFromParams } from "@/lib/support/audit-filter";
import { requireSupportAccess } from "@/lib/support/support-access";

/**
 * Export audit bundle (issue 11 §7): the console's current filter as a verifiable bundle
 * (lib/audit/bundle-format.ts), streamed line by line. Support staff with a second factor only;
 * the export is itself audited. Check it with `npm run audit:verify -- --bundle FILE`.
 */
export async function GET(request: Request): Promise<Response> {
  let locale: Locale = DEFAULT_LOCALE;
  try {
    locale = await requestLocale();
    const session = await getSession();
    if (!session) return problem(request, "unauthorized", locale);
    await requireSupportAccess(session.userId);
    const parsed = auditFilterFromParams(new URL(request.url).searchParams);
    if (!parsed.success) return problem(request, "invalid_input", locale);
    const filter = parsed.data;
    const scope = await auditScopeFor(session.userId);
    // Only sealed events go in: seal what is pending first (another instance may be at it).
    await sealAuditEvents(db);
    const context = await currentRequestContext();
    await recordAudit(db, { type: "audit.bundle_exported", actorId: session.userId, subjectId: session.userId, metadata: { filter: withoutEmpty(filter) }, context });
    const now = new Date();
    const lines = auditBundleLines(db, { filter, scope, now });
    const encoder = new TextEncoder();
    // The browser may stop reading part-way (a cancelled download): a pull already waiting on the
    // database then finds the stream closed, and must neither enqueue nor report an error.
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { value, done } = await lines.next();
          if (cancelled) return;
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          if (cancelled) return;
          console.error("The audit bundle export failed part-way:", error);
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await lines.return(undefined);
      },
    });
    const name = `tessera-audit-bundle-${now.toISOString().slice(0, 19).replace(/[:T]/g, "-")}.jsonl`;
    return new Response(body, {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return problem(request, error.code, locale);
    console.error("Unexpected error exporting an audit bundle:", error);
    return problem(request, "unexpected", locale);
  }
}

function withoutEmpty(filter: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
