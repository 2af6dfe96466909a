import { unstable_rethrow } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { requestContextFrom } from "@/lib/http/request-context";
import { requestLocale } from "@/lib/i18n/locale";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { problem } from "@/lib/projects/define-project-route";
import { auditFilterFromParams } from "@/lib/support/audit-filter";
import { startAuditExport } from "@/lib/support/audit-export";

/**
 * Export CSV / Export JSON of the console's current filter (?format=csv|json&<filter>), for
 * support staff with a second factor; streamed (lib/support/audit-export.ts). Refusals are
 * RFC 9457 problems in the caller's language: signed out 401, not staff 403, no second factor
 * 403, a bad filter or format 400.
 */
export async function GET(request: Request): Promise<Response> {
  let locale: Locale = DEFAULT_LOCALE;
  try {
    locale = await requestLocale();
    const session = await getSession();
    if (!session) return problem(request, "unauthorized", locale);
    const params = new URL(request.url).searchParams;
    const format = params.get("format") ?? "csv";
    const filter = auditFilterFromParams(params);
    if ((format !== "csv" && format !== "json") || !filter.success) return problem(request, "invalid_input", locale);
    const { stream, filename } = await startAuditExport(session.user.id, filter.data, format, locale, requestContextFrom(request.headers));
    return new Response(stream, {
      headers: {
        "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "content-language": locale,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        vary: "Cookie, Accept-Language",
      },
    });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) return problem(request, error.code, locale);
    console.error("Unexpected error in the audit export:", error);
    return problem(request, "unexpected", locale);
  }
}
