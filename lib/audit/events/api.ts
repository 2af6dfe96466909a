import { auditEvents } from "./spec";

/**
 * REST API events (lib/api). Never the key itself: a key is named by its id and its public
 * prefix. `api.request` is the trace of a call that wrote no domain event of its own (reads,
 * refusals after the key was recognised): the key's id, the method, the route's OpenAPI path
 * and the status answered. `api.key_refused`: a call whose key was missing, malformed, unknown,
 * revoked or expired (the prefix only when it names a key of ours).
 */
export const apiEvents = auditEvents({
  "api.key_created": { severity: "warning", fields: ["keyId", "name", "prefix", "scopes", "expiresAt"] },
  "api.key_revoked": { severity: "notice", fields: ["keyId", "name", "prefix"] },
  "api.key_refused": { severity: "notice", fields: ["keyId", "prefix", "reason", "method", "route"] },
  "api.request": { severity: "info", fields: ["apiKeyId", "method", "route", "status"] },
});
