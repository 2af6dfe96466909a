import type { ProjectRole } from "@/lib/db/generated/enums";

/**
 * The project authorisation matrix (lib/actions/projects/authorization.test.ts): one row per
 * exported action of lib/actions/projects/*.ts. A new action without a row fails that test.
 *
 * The test builds a fresh fixture for each call: a project with an owner, an admin and a
 * member (every one with an authenticator app and a session that passed it, in sudo mode), a
 * second project owned by `outsider`, and a signed-out caller. It calls the action as each of
 * them and checks: callers below `minimum`, the outsider and the signed-out caller are refused
 * (and nothing changed: `unchanged`), callers at or above `minimum` are not refused for access.
 */
export type MatrixPerson = { userId: string; email: string; name: string };

export type MatrixFixture = {
  projectId: string;
  projectName: string;
  owner: MatrixPerson;
  admin: MatrixPerson;
  member: MatrixPerson;
  /** Owner of another project, not a member of this one. */
  outsider: MatrixPerson;
  otherProjectId: string;
};

export type MatrixRow = {
  /** The export's name in lib/actions/projects/<file>.ts, e.g. "renameProjectAction". */
  action: string;
  /** The lowest project role that may call it. */
  minimum: ProjectRole;
  /** The form fields of a call an allowed caller could make (projectId included). */
  input: (fixture: MatrixFixture) => Record<string, string> | Promise<Record<string, string>>;
};
