import { auditEvents } from "./spec";

/** Support cases: recovery requests and "This wasn't me" reports (issue 11 §5, §6). */
export const supportCasesEvents = auditEvents({
  "support_case.opened": { severity: "notice", fields: ["caseId", "kind"] },
  /** A recovery request that was not filed: one is already open, or the day's limit is reached. */
  "support_case.request_refused": { severity: "notice", fields: ["reason"] },
  /** A support admin approved a case; the note is what the person was emailed. */
  "support_case.approved": { severity: "warning", fields: ["caseId", "kind", "note"] },
  "support_case.refused": { severity: "notice", fields: ["caseId", "kind", "note"] },
});
