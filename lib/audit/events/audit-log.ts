import { auditEvents } from "./spec";

/** audit-log events (issue 11). `fields`: the metadata keys an event may carry (none when absent). */
export const auditLogEvents = auditEvents({});
