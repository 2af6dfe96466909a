import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { actionSpecOf, isGuardedAction } from "@/lib/actions/define-action";
import type { FormState } from "@/lib/actions/form-state";
import { hasProjectRole } from "@/lib/policy/project";
import { ROOT } from "@/test/source-files";
import { actAs, redirectTarget } from "@/test/request";
import { seedPerson, seedProject, type Person } from "@/test/project-people";
import type { MatrixFixture, MatrixRow } from "@/test/project-matrix/types";

/**
 * The project authorisation matrix, generated from the action list: every export of
 * lib/actions/projects/*.ts × owner, admin, member, an outsider (owner of another project) and a
 * signed-out caller, each call on a fresh fixture (test/project-matrix/types.ts), through the
 * real guarded path with the real session cookie. A new action without a row in
 * test/project-matrix/*.ts fails here.
 */

// The request: the caller's real session cookie, read by the real session code.
vi.mock("next/headers", () => ({
  headers: async () => (await import("@/test/request")).requestHeaders(),
  cookies: async () => (await import("@/test/request")).requestCookies(),
}));
// Outside a Next request: cache revalidation has nothing to revalidate, and words come as keys.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, updateTag: () => undefined, refresh: () => undefined }));
vi.mock("next-intl/server", () => {
  const t = Object.assign((key: string) => key, { rich: (key: string) => key, markup: (key: string) => key, raw: (key: string) => key, has: () => true });
  return { getLocale: async () => "en", getTranslations: async () => t, getFormatter: async () => ({ dateTime: (date: Date) => date.toISOString() }) };
});

/** Project actions that are not about one project: anyone signed in may call them. */
const NOT_PROJECT_SCOPED = ["createProjectAction"];
/** Answers that mean "refused for access", never a domain outcome. */
const ACCESS_REFUSALS = ["forbidden", "not_found", "project_two_factor_required", "project_verification_required", "sudo_required", "unexpected"];

const actionsDir = path.join(ROOT, "lib/actions/projects");
const matrixDir = path.join(ROOT, "test/project-matrix");
const tsFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"));

type Action = { name: string; file: string; fn: (formData: FormData) => Promise<FormState>; project: ProjectRole | undefined };

async function loadActions(): Promise<Action[]> {
  const actions: Action[] = [];
  for (const file of tsFiles(actionsDir)) {
    for (const [name, value] of Object.entries(await import(path.join(actionsDir, file)))) {
      if (!isGuardedAction(value)) throw new Error(`${file}: ${name} is not a guarded action (lib/actions/define-action.ts)`);
      actions.push({ name, file, fn: value as Action["fn"], project: actionSpecOf(value)?.project });
    }
  }
  return actions;
}

async function loadRows(): Promise<(MatrixRow & { source: string })[]> {
  const rows: (MatrixRow & { source: string })[] = [];
  for (const file of tsFiles(matrixDir).filter((name) => name !== "types.ts")) {
    const module = (await import(path.join(matrixDir, file))) as { rows?: MatrixRow[] };
    if (!Array.isArray(module.rows)) throw new Error(`test/project-matrix/${file} exports no rows`);
    rows.push(...module.rows.map((row) => ({ ...row, source: file })));
  }
  return rows;
}

const [actions, rows] = await Promise.all([loadActions(), loadRows()]);

describe("the action list and the matrix rows", () => {
  it("finds the project actions", () => {
    expect(actions.map((action) => action.name)).toEqual(expect.arrayContaining(["createProjectAction", "renameProjectAction", "deleteProjectAction"]));
  });

  it("every project action is project-scoped, unless it is not about one project", () => {
    const unscoped = actions.filter((action) => !action.project).map((action) => action.name);
    expect(unscoped.sort()).toEqual([...NOT_PROJECT_SCOPED].sort());
  });

  it("every project-scoped action has exactly one row, and every row names one", () => {
    const scoped = actions.filter((action) => action.project).map((action) => action.name);
    const named = rows.map((row) => row.action);
    expect(scoped.filter((name) => !named.includes(name)), "actions without a row in test/project-matrix").toEqual([]);
    expect(named.filter((name) => !scoped.includes(name)), "rows for no project-scoped action").toEqual([]);
    expect(named.filter((name, i) => named.indexOf(name) !== i), "actions with more than one row").toEqual([]);
  });

  it("no row lets a lower role in than its action's own guard", () => {
    for (const row of rows) {
      const action = actions.find((each) => each.name === row.action);
      if (action?.project) expect(hasProjectRole(row.minimum, action.project), `${row.action}: minimum ${row.minimum}, guard ${action.project}`).toBe(true);
    }
  });
});

/** A project with an owner, an admin and a member, another project owned by the outsider; everyone with the app, passed in this session, in sudo mode. */
async function buildFixture(): Promise<MatrixFixture & { sessions: Record<Caller, string | null> }> {
  const [owner, admin, member, outsider] = await Promise.all([1, 2, 3, 4].map(() => seedPerson({ factors: ["totp"] })));
  const project = await seedProject({
    requiredLevel: "every_login",
    members: [
      { person: owner!, role: "owner" },
      { person: admin!, role: "admin" },
      { person: member!, role: "member" },
    ],
  });
  const other = await seedProject({ requiredLevel: "every_login", members: [{ person: outsider!, role: "owner" }] });
  const strip = ({ userId, email, name }: Person) => ({ userId, email, name });
  return {
    projectId: project.id,
    projectName: project.name,
    owner: strip(owner!),
    admin: strip(admin!),
    member: strip(member!),
    outsider: strip(outsider!),
    otherProjectId: other.id,
    sessions: { owner: owner!.sessionId, admin: admin!.sessionId, member: member!.sessionId, outsider: outsider!.sessionId, "signed out": null },
  };
}

type Caller = "owner" | "admin" | "member" | "outsider" | "signed out";
const CALLERS: Caller[] = ["owner", "admin", "member", "outsider", "signed out"];

/** What a refused call must leave as it was: both projects, their members and invitations, and the audit log. */
async function snapshot(fixture: MatrixFixture) {
  const ids = [fixture.projectId, fixture.otherProjectId];
  const [projects, members, invitations, events] = await Promise.all([
    db.project.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
    db.projectMember.findMany({ where: { projectId: { in: ids } }, orderBy: [{ projectId: "asc" }, { userId: "asc" }] }),
    db.projectInvitation.findMany({ where: { projectId: { in: ids } }, orderBy: { id: "asc" } }),
    db.auditEvent.count(),
  ]);
  return { projects, members, invitations, events };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** The answer, or the redirect a call threw (Next's redirect passes through the guarded path). */
async function call(fn: Action["fn"], fields: Record<string, string>): Promise<{ state?: FormState; redirect?: string }> {
  try {
    return { state: await fn(form(fields)) };
  } catch (error) {
    const target = redirectTarget(error);
    if (target === null) throw error;
    return { redirect: target };
  }
}

const quiet = () => vi.spyOn(console, "error").mockImplementation(() => {});

describe.each(rows.map((row) => [row.action, row] as const))("%s", (_name, row) => {
  const action = actions.find((each) => each.name === row.action);

  it.each(CALLERS.map((caller) => [caller]))("called by %s", async (caller) => {
    expect(action, `${row.source}: no action ${row.action}`).toBeDefined();
    const fixture = await buildFixture();
    const fields = await row.input(fixture);
    expect(fields.projectId, `${row.source}: the input must carry the fixture's projectId`).toBe(fixture.projectId);
    await actAs(fixture.sessions[caller]);
    const before = await snapshot(fixture);
    const spy = quiet();
    const answer = await call(action!.fn, fields);
    spy.mockRestore();
    const seen = JSON.stringify(answer);

    if (caller === "signed out") {
      expect(answer.redirect, seen).toBe("/sign-in");
    } else if (caller === "outsider") {
      expect(answer.state?.code, seen).toBe("not_found");
      // Indistinguishable from an id that names nothing.
      await actAs(fixture.sessions.outsider);
      const unknown = await call(action!.fn, { ...fields, projectId: crypto.randomUUID() });
      expect(unknown).toEqual(answer);
      const garbage = await call(action!.fn, { ...fields, projectId: "not-a-project" });
      expect(garbage).toEqual(answer);
    } else if (!hasProjectRole(caller, row.minimum)) {
      expect(answer.state?.code, seen).toBe("forbidden");
    } else {
      // Not refused for access: done (or sent on), or a domain answer of its own.
      expect(answer.redirect === undefined || answer.redirect !== "/sign-in", seen).toBe(true);
      expect(ACCESS_REFUSALS, seen).not.toContain(answer.state?.code);
      return;
    }
    expect(await snapshot(fixture), `${caller}'s refused call changed something`).toEqual(before);
  });
});
