import type { MatrixRow } from "./types";

/**
 * The compliance view's actions. Everyone in the fixture has an authenticator app, so an allowed
 * caller gets past access and is answered by the domain ("reminder_not_needed" for one member,
 * nothing sent for all): what the matrix checks is who gets that far.
 */
export const rows: MatrixRow[] = [
  { action: "sendReminderAction", minimum: "admin", input: (f) => ({ projectId: f.projectId, userId: f.member.userId }) },
  { action: "sendRemindersAction", minimum: "admin", input: (f) => ({ projectId: f.projectId }) },
];
