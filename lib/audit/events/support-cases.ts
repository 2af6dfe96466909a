import { auditEvents } from "./spec";

/** support-cases events (issue 11). `fields`: the metadata keys an event may carry (none when absent). */
export const supportCasesEvents = auditEvents({});
