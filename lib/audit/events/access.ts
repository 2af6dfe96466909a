import { auditEvents } from "./spec";

/**
 * Access users, their credentials, the member link and the access roles (issue 12 §1-2).
 * `fields`: the metadata keys an event may carry. Every event may carry "apiKeyId" (the key that
 * acted; actorId is then the key's creator, lib/access/permissions.ts auditActor). A keypad code,
 * its digest or its sealed box never appears: a code event says which kind and how many digits.
 * `source` marks the rows the demo seed writes (prisma/seed.ts), as in projects.ts.
 */
const API = "apiKeyId";

export const accessEvents = auditEvents({
  "access.user_created": { severity: "info", fields: [API, "accessUserId", "name", "externalId", "memberUserId", "status", "source"] },
  "access.user_updated": { severity: "info", fields: [API, "accessUserId", "changed"] },
  "access.user_deleted": { severity: "notice", fields: [API, "accessUserId", "name", "externalId", "cardCount", "codeCount"] },
  "access.user_suspended": { severity: "notice", fields: [API, "accessUserId"] },
  "access.user_reactivated": { severity: "notice", fields: [API, "accessUserId"] },
  "access.member_linked": { severity: "notice", fields: [API, "accessUserId", "memberUserId", "previousMemberUserId"] },
  "access.member_unlinked": { severity: "notice", fields: [API, "accessUserId", "previousMemberUserId"] },
  "access.card_added": { severity: "notice", fields: [API, "accessUserId", "cardId", "facilityCode", "cardNumber", "source"] },
  "access.card_removed": { severity: "notice", fields: [API, "accessUserId", "cardId", "facilityCode", "cardNumber"] },
  "access.code_added": { severity: "notice", fields: [API, "accessUserId", "accessCodeId", "kind", "length", "generated", "replaced", "source"] },
  "access.code_changed": { severity: "notice", fields: [API, "accessUserId", "accessCodeId", "kind", "length"] },
  "access.code_removed": { severity: "notice", fields: [API, "accessUserId", "accessCodeId", "kind", "length", "removed"] },
  "access.code_revealed": { severity: "warning", fields: [API, "accessUserId", "accessCodeId", "kind", "length"] },
  "access.codes_suspended": { severity: "warning", fields: [API, "accessUserId", "memberUserId", "reason"] },
  "access.codes_reinstated": { severity: "notice", fields: [API, "accessUserId", "memberUserId", "reason"] },
  "access.role_granted": { severity: "notice", fields: [API, "role", "from"] },
  "access.role_revoked": { severity: "notice", fields: [API, "role"] },
});
