import { auditEvents } from "./spec";

/** support-console events (issue 11). `fields`: the metadata keys an event may carry (none when absent). */
export const supportConsoleEvents = auditEvents({
  /** Export CSV / Export JSON of the console: the filter it covered and the format, never the rows. */
  "audit.exported": { severity: "notice", fields: ["format", "filter"] },
});
