import { accessCsvTemplate } from "@/lib/access/csv-format";
import { exportAccessUsers, exportFileName } from "@/lib/access/csv-export";
import { memberActor } from "@/lib/access/page-access";
import { assertCan, can } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { requestContextFrom } from "@/lib/http/request-context";
import { hasSudo } from "@/lib/policy";
import { defineProjectRoute } from "@/lib/projects/define-project-route";

/**
 * Export of the project's access users as CSV, in the import's format (lib/access/csv-format.ts),
 * streamed (lib/access/csv-export.ts). `?codes=1` adds the entry and MFA codes: every code at
 * once, so it needs sudo mode too and is audited as such. `?template=1`: the empty template
 * the import page offers.
 */
export const GET = defineProjectRoute({
  role: "member",
  handler: async (request, { access }) => {
    const actor = memberActor(access);
    if (!can(actor, "transfer")) throw new AppError("not_found");
    const params = new URL(request.url).searchParams;
    const headers = {
      "content-type": "text/csv; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    };
    if (params.get("template") === "1") {
      return new Response(accessCsvTemplate(), { headers: { ...headers, "content-disposition": `attachment; filename="access-users-template.csv"` } });
    }
    const includeCodes = params.get("codes") === "1";
    if (includeCodes) {
      assertCan(actor, "credentials.manage");
      if (!hasSudo(access.session)) throw new AppError("sudo_required");
    }
    const stream = await exportAccessUsers(actor, { includeCodes }, requestContextFrom(request.headers));
    return new Response(stream, { headers: { ...headers, "content-disposition": `attachment; filename="${exportFileName()}"` } });
  },
});
