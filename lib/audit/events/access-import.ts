import { auditEvents } from "./spec";

/**
 * CSV import and export of access users (lib/access/csv-*.ts). Counts and the import's id only:
 * never a keypad code, its digest or a row's content. `apiKeyId` when an API key acted.
 */
export const accessImportEvents = auditEvents({
  "access.import_previewed": { severity: "info", fields: ["importId", "fileName", "rows", "errors", "errorRows", "newUsers", "updatedUsers", "apiKeyId"] },
  "access.import_batch": { severity: "notice", fields: ["importId", "from", "rows", "created", "updated", "apiKeyId"] },
  "access.import_finished": { severity: "notice", fields: ["importId", "done", "total", "cancelled", "apiKeyId"] },
  "access.exported": { severity: "warning", fields: ["codesIncluded", "users", "apiKeyId"] },
});
