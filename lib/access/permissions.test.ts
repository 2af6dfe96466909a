import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accessTeam, outcomeOf, type AccessTeam } from "@/test/access";
import { context, createUser } from "@/test/factories";
import { addCard, addMfaCode, removeAccessCode, removeCard, removeMfaCodeByValue, revealAccessCode, setEntryCode, updateAccessCode } from "./credentials";
import { reinstateCodes } from "./link";
import { ACCESS_PERMISSIONS, can, type AccessActor, type AccessPermission } from "./permissions";
import { listAccessRoles, setAccessRole } from "./roles";
import { createAccessUser, deleteAccessUser, getAccessUser, listAccessUsers, updateAccessUser } from "./users";

/**
 * The authorisation matrix (issue 12 §2): every access action × every kind of caller, against
 * the real database. Columns: the project's owner and admin (Access User Admin by their project
 * role), members given each access role, a member without one, API keys with the read scope,
 * the write scope, and a key (read + write) of another project. Each cell runs the domain
 * function on fresh data and expects:
 *   ok        the call succeeds
 *   forbidden the caller lacks the permission (assertCan)
 *   not_found the caller's project has no such access user (another project's key)
 *   none      a list that succeeds but shows nothing of this project (another project's key)
 * The member's sudo mode is the guarded path's (lib/actions/access/*: `sudo: true`), not the
 * domain's, so it is not a column here.
 */

const CALLERS = ["owner", "admin", "userAdmin", "userManager", "credentialManager", "plainMember", "readKey", "writeKey", "otherProjectKey"] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = "ok" | "forbidden" | "not_found" | "none";

const ok = "ok",
  no = "forbidden",
  nf = "not_found",
  none = "none";

// prettier-ignore
const ACTIONS: Record<string, { permission: AccessPermission; expect: Outcome[] }> = {
  //                       owner admin uAdm  uMgr  cMgr  member readK writeK other
  listAccessUsers:       { permission: "access.view",        expect: [ok, ok, ok, ok, ok, no, ok, no, none] },
  getAccessUser:         { permission: "access.view",        expect: [ok, ok, ok, ok, ok, no, ok, no, nf] },
  createAccessUser:      { permission: "users.manage",       expect: [ok, ok, ok, ok, no, no, no, ok, ok] }, // the other key creates in its own project
  updateAccessUser:      { permission: "users.manage",       expect: [ok, ok, ok, ok, no, no, no, ok, nf] },
  deleteAccessUser:      { permission: "users.manage",       expect: [ok, ok, ok, ok, no, no, no, ok, nf] },
  addCard:               { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  removeCard:            { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  addMfaCode:            { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  setEntryCode:          { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  updateAccessCode:      { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  removeAccessCode:      { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  removeMfaCodeByValue:  { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  revealAccessCode:      { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  reinstateCodes:        { permission: "credentials.manage", expect: [ok, ok, ok, no, ok, no, no, ok, nf] },
  listAccessRoles:       { permission: "roles.manage",       expect: [ok, ok, no, no, no, no, no, no, no] },
  setAccessRole:         { permission: "roles.manage",       expect: [ok, ok, no, no, no, no, no, no, no] },
};

/** The permissions of the other parts (doors, keypad, import), checked through can() alone. */
// prettier-ignore
const PERMISSIONS: Record<AccessPermission, boolean[]> = {
  //                    owner  admin  uAdm   uMgr   cMgr   member readK  writeK other(own project)
  "access.view":        [true, true,  true,  true,  true,  false, true,  false, true],
  "users.manage":       [true, true,  true,  true,  false, false, false, true,  true],
  "credentials.manage": [true, true,  true,  false, true,  false, false, true,  true],
  "doors.manage":       [true, true,  true,  false, false, false, false, true,  true],
  "doors.check":        [true, true,  true,  true,  true,  false, false, true,  true],
  "transfer":           [true, true,  true,  false, false, false, false, true,  true],
  "roles.manage":       [true, true,  false, false, false, false, false, false, false],
};

/** Fresh data for one cell: an access user with a card, an MFA code "2580", suspended codes, and a member to give a role to. */
async function target(team: AccessTeam) {
  const user = await createAccessUser(team.owner, { name: `Target ${Math.random().toString(36).slice(2, 8)}`, status: "active" }, context);
  const card = await addCard(team.owner, user.id, { facilityCode: 1, cardNumber: Math.floor(Math.random() * 2_000_000_000) }, context);
  const code = await addMfaCode(team.owner, user.id, { code: "2580" }, context);
  await db.accessUser.update({ where: { id: user.id }, data: { codesSuspendedAt: new Date(), codesSuspendedReason: "member_removed" } });
  const member = await createUser();
  await db.projectMember.create({ data: { projectId: team.projectId, userId: member.id, role: "member" } });
  return { userId: user.id, cardId: card.id, codeId: code.id, memberId: member.id };
}

type Target = Awaited<ReturnType<typeof target>>;

const RUN: Record<keyof typeof ACTIONS, (actor: AccessActor, t: Target, team: AccessTeam) => Promise<unknown>> = {
  listAccessUsers: async (actor, t) => {
    const { users } = await listAccessUsers(actor, { limit: 200 });
    if (!users.some((user) => user.id === t.userId)) throw Object.assign(new Error("none"), { outcome: "none" });
  },
  getAccessUser: (actor, t) => getAccessUser(actor, t.userId),
  createAccessUser: (actor) => createAccessUser(actor, { name: "Created", status: "active" }, context),
  updateAccessUser: (actor, t) => updateAccessUser(actor, t.userId, { name: "Renamed" }, context),
  deleteAccessUser: (actor, t) => deleteAccessUser(actor, t.userId, context),
  addCard: (actor, t) => addCard(actor, t.userId, { facilityCode: 2, cardNumber: Math.floor(Math.random() * 2_000_000_000) }, context),
  removeCard: (actor, t) => removeCard(actor, t.userId, t.cardId, context),
  addMfaCode: (actor, t) => addMfaCode(actor, t.userId, { generateLength: 6 }, context),
  setEntryCode: (actor, t) => setEntryCode(actor, t.userId, { code: "1470" }, context),
  updateAccessCode: (actor, t) => updateAccessCode(actor, t.userId, t.codeId, "3690", context),
  removeAccessCode: (actor, t) => removeAccessCode(actor, t.userId, t.codeId, context),
  removeMfaCodeByValue: (actor, t) => removeMfaCodeByValue(actor, t.userId, "2580", context),
  revealAccessCode: (actor, t) => revealAccessCode(actor, t.userId, t.codeId, context),
  reinstateCodes: (actor, t) => reinstateCodes(actor, t.userId, context),
  listAccessRoles: (actor) => listAccessRoles(actor),
  setAccessRole: (actor, t) => setAccessRole(actor, t.memberId, "credential_manager", context),
};

const outcome = (promise: Promise<unknown>) =>
  outcomeOf(promise).then((result) => (result.startsWith("unexpected: Error: none") ? "none" : result));

describe("the access authorisation matrix (real database)", { timeout: 120_000 }, () => {
  it("names every access permission in the can() table", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACCESS_PERMISSIONS].sort());
  });

  it("can(): every permission × every caller", async () => {
    const team = await accessTeam();
    const table = Object.fromEntries(ACCESS_PERMISSIONS.map((permission) => [permission, CALLERS.map((caller) => can(team[caller], permission))]));
    expect(table).toEqual(PERMISSIONS);
  });

  for (const [name, row] of Object.entries(ACTIONS)) {
    it(`${name} (${row.permission}): ${CALLERS.map((caller, i) => `${caller} ${row.expect[i]}`).join(", ")}`, async () => {
      const team = await accessTeam();
      const results: Outcome[] = [];
      for (const caller of CALLERS) {
        const t = await target(team);
        const before = await db.auditEvent.count({ where: { projectId: team.projectId } });
        const result = (await outcome(RUN[name]!(team[caller], t, team))) as Outcome;
        results.push(result);
        // A refusal changes nothing and writes nothing in this project.
        if (result !== "ok") expect(await db.auditEvent.count({ where: { projectId: team.projectId } }), `${name} by ${caller}`).toBe(before);
      }
      expect(Object.fromEntries(CALLERS.map((caller, i) => [caller, results[i]]))).toEqual(Object.fromEntries(CALLERS.map((caller, i) => [caller, row.expect[i]])));
    });
  }

  it("the expectations agree with the permission each action names (the two tables cannot drift apart)", () => {
    for (const [name, row] of Object.entries(ACTIONS)) {
      CALLERS.forEach((caller, i) => {
        const allowed = PERMISSIONS[row.permission][i]!;
        expect(row.expect[i] === "forbidden", `${name} × ${caller}`).toBe(!allowed);
      });
    }
  });
});
