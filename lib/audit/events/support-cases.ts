import { auditEvents } from "./spec";

/** Support cases: recovery requests and "This wasn't me" reports (issue 11 §5, §6). */
export const supportCasesEvents = auditEvents({
  "support_case.opened": { severity: "notice", fields: ["caseId", "kind"] },
});
