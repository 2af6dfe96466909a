import { auditEvents } from "./spec";

/** The audit log's own events (issue 11 §2, §7, §8). `fields`: the metadata keys an event may carry. */
export const auditLogEvents = auditEvents({
  /** Someone ran the chain verification from the console. */
  "audit.verified": { severity: "info", fields: ["ok", "checked", "lastSeq", "brokenSeq", "problem"] },
  /** A verifiable bundle of the filter's events was exported. */
  "audit.bundle_exported": { severity: "notice", fields: ["filter"] },
  /** Retention deleted the events before the anchor. */
  "audit.pruned": { severity: "notice", fields: ["pruned", "throughSeq", "cutoff", "retentionDays"] },
});
