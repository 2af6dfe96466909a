import { CSV_MAX_BYTES } from "@/lib/access/csv-format";
import { previewAccessImport } from "@/lib/access/csv-import";
import { memberActor } from "@/lib/access/page-access";
import { assertCan } from "@/lib/access/permissions";
import { AppError } from "@/lib/errors";
import { isForeignOrigin, readBody } from "@/lib/http/action-request";
import { requestContextFrom } from "@/lib/http/request-context";
import { hasSudo } from "@/lib/policy";
import { defineProjectRoute } from "@/lib/projects/define-project-route";

/**
 * The import page's upload: the CSV file as the request body (a file may be up to 50 MB, far more
 * than a server action carries), its name in X-File-Name. Checks it whole and answers the new
 * import's id for the preview (lib/access/csv-import.ts). Needs the transfer permission and sudo
 * mode, as the import that may follow writes credentials (DESIGN rule 6); a cross-site POST is
 * refused like a server action's.
 */
export const POST = defineProjectRoute({
  role: "member",
  handler: async (request, { access }) => {
    const site = request.headers.get("sec-fetch-site");
    if (isForeignOrigin(request.headers) || (site && site !== "same-origin" && site !== "none")) throw new AppError("forbidden");
    const actor = memberActor(access);
    assertCan(actor, "transfer");
    if (!hasSudo(access.session)) throw new AppError("sudo_required");
    const bytes = await readBody(request, CSV_MAX_BYTES);
    if (bytes === null) throw new AppError("import_file_too_large");
    const name = decodeFileName(request.headers.get("x-file-name"));
    const { importId } = await previewAccessImport(actor, { name, bytes }, requestContextFrom(request.headers));
    return Response.json({ importId }, { status: 201, headers: { "cache-control": "no-store" } });
  },
});

function decodeFileName(header: string | null): string {
  try {
    return decodeURIComponent(header ?? "").replace(/[\u0000-\u001f]/g, "").slice(0, 200);
  } catch {
    return "";
  }
}
