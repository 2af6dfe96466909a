import { AppError } from "@/lib/errors";
import { loadComplianceTable } from "@/lib/projects/compliance";
import { complianceCsv, complianceJson } from "@/lib/projects/compliance-export";
import { defineProjectRoute } from "@/lib/projects/define-project-route";

/**
 * The compliance view's table for owners and admins: JSON, or CSV with `?format=csv` (headings
 * and words in the caller's language). Enforcement and refusals: lib/projects/define-project-route.ts.
 */
export const GET = defineProjectRoute({
  role: "admin",
  handler: async (request, { access, locale }) => {
    const format = new URL(request.url).searchParams.get("format") ?? "json";
    if (format !== "json" && format !== "csv") throw new AppError("invalid_input");
    const table = await loadComplianceTable(access.project.id, access.project);
    const headers = { "cache-control": "no-store", vary: "Cookie, Accept-Language" };
    if (format === "json") return Response.json(complianceJson(access.project, table), { headers });
    return new Response(complianceCsv(table, locale), {
      headers: {
        ...headers,
        "content-type": "text/csv; charset=utf-8",
        "content-language": locale,
        "content-disposition": `attachment; filename="project-compliance.csv"`,
      },
    });
  },
});
