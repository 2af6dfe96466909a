"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { cancelAccessImport } from "@/lib/access/csv-import";
import { importAccessBatch, type ImportProgress } from "@/lib/access/csv-import-batch";
import { memberActor } from "@/lib/access/page-access";
import { projectId } from "@/lib/projects/schemas";
import { failed } from "@/lib/actions/form-state";
import { AppError } from "@/lib/errors";
import { message } from "@/lib/i18n/message";

/**
 * The import page's steps after the preview (the upload is a route, app/api/projects/[projectId]/
 * access/import, as a file is larger than a server action may carry). The page calls
 * importNextBatchAction again and again, showing done/total, until the import is done; each call
 * commits one whole batch (lib/access/csv-import-batch.ts). Both need sudo: an import writes
 * credentials (DESIGN rule 6).
 */
const importStep = z.object({ projectId, importId: z.uuid("validation.invalid") });

export const importNextBatchAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: importStep,
  run: async ({ projectId, importId }, { project, request }) => {
    let result;
    try {
      result = await importAccessBatch(memberActor(project!), importId, request);
    } catch (error) {
      // The batch rolled back whole; the page names the row (values the errors namespace does not take).
      if (error instanceof AppError && error.code === "import_card_taken") {
        return { ...failed("import_card_taken"), message: message("accessImport.run.cardTaken", error.details.values) };
      }
      throw error;
    }
    if (result.state === "done") revalidatePath(`/projects/${projectId}/access`, "layout");
    return { ok: true, progress: { state: result.state, done: result.done, total: result.total } satisfies ImportProgress };
  },
});

export const cancelImportAction = defineAction({
  access: "signed_in",
  project: "member",
  sudo: true,
  input: importStep,
  run: async ({ importId }, { project, request }) => {
    const result = await cancelAccessImport(memberActor(project!), importId, request);
    return { ok: true, progress: { state: result.state, done: result.done, total: result.total } satisfies ImportProgress };
  },
});
