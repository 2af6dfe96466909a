import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { actionSpecOf, isGuardedAction } from "@/lib/actions/define-action";
import { ROOT, sourceFiles } from "@/test/source-files";

/**
 * Enforcement on every access (issue item 5): every page, layout and API route under a project's
 * id goes through lib/projects/access.ts, and every project action is project-scoped, so the
 * guarded path checks membership, role and the project's 2FA policy. Discovered from the files,
 * so a new route or action that skips the check fails here.
 */

// Importing the action modules reads no request: stand-ins for Next's request-bound parts.
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, set: () => undefined }) }));

const PAGE_ROOTS = ["app/(dashboard)/projects/[projectId]", "app/api/projects/[projectId]"];
/** How a blocked member gets in: membership only (they are where enrolment and verification happen). */
const MEMBERSHIP_ONLY = ["app/(dashboard)/projects/[projectId]/enrol/page.tsx", "app/(dashboard)/projects/[projectId]/verify/page.tsx"];
/** Project actions that are not about one project. */
const NOT_PROJECT_SCOPED = ["createProjectAction"];
/**
 * Project actions that check membership and role but not the project's 2FA verdict
 * (`projectAccess: "membership"`): leaving reveals nothing of the project, and a member held at
 * enrolment must be able to go. Exactly these, by name.
 */
const MEMBERSHIP_ONLY_ACTIONS = ["leaveProjectAction"];

/** Every page.tsx, layout.tsx and route.ts below the roots, relative to the repository. */
function routeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/^(page|layout)\.tsx$|^route\.ts$/.test(entry.name)) found.push(relative);
    }
  };
  for (const root of PAGE_ROOTS) if (existsSync(path.join(ROOT, root))) walk(root);
  return found.sort();
}

/** The code without its comments, so a comment that names the check does not count as calling it. */
const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
const code = (file: string) => stripComments(readFileSync(path.join(ROOT, file), "utf8"));

function requiredCall(file: string): RegExp {
  if (MEMBERSHIP_ONLY.includes(file)) return /\bprojectMembership\(/;
  if (file.endsWith("route.ts")) return /\bdefineProjectRoute\(/;
  // Access-control pages: accessPage (lib/access/page-access.ts) is projectPage and then the page's access permission.
  return /\b(projectPage|accessPage)\(/;
}

describe("every project page and route enforces", () => {
  const files = routeFiles();

  it("finds the project's pages, including the enrolment and verification pages", () => {
    expect(files).toEqual(expect.arrayContaining(["app/(dashboard)/projects/[projectId]/(project)/page.tsx", "app/(dashboard)/projects/[projectId]/(project)/layout.tsx", ...MEMBERSHIP_ONLY]));
  });

  it.each(files.map((file) => [file]))("%s calls the access check", (file) => {
    expect(code(file)).toMatch(requiredCall(file));
  });

  it("reads a comment as no call, and a call as one", () => {
    expect(stripComments("/** projectPage(id) runs in the layout */\nexport default () => null; // projectPage(")).not.toMatch(/projectPage\(/);
    expect(stripComments('const url = "https://x"; await projectPage(id);')).toMatch(/projectPage\(/);
  });
});

describe("every project action is project-scoped", () => {
  const dir = path.join(ROOT, "lib/actions/projects");
  const files = readdirSync(dir).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));

  it.each(files.map((file) => [file]))("lib/actions/projects/%s", async (file) => {
    const exported = Object.entries(await import(path.join(dir, file)));
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, value] of exported) {
      expect(isGuardedAction(value), `${name} is not a guarded action`).toBe(true);
      const spec = actionSpecOf(value);
      const project = spec?.project;
      if (NOT_PROJECT_SCOPED.includes(name)) expect(project, `${name} is listed as not project-scoped`).toBeUndefined();
      else expect(project, `${name} has no project role: it skips enforcement`).toMatch(/^(owner|admin|member)$/);
      if (MEMBERSHIP_ONLY_ACTIONS.includes(name)) expect(spec?.projectAccess, `${name} is listed as membership-only`).toBe("membership");
      else expect(spec?.projectAccess, `${name} skips the project's 2FA policy`).toBeUndefined();
    }
  });

  it("the membership-only exception is leaving, and nothing else anywhere", async () => {
    const serverFiles = sourceFiles(["app", "components", "lib"]).filter(({ text }) => /^\s*["']use server["']/.test(text));
    const membershipOnly: string[] = [];
    for (const { file } of serverFiles) {
      for (const [name, value] of Object.entries(await import(path.join(ROOT, file)))) {
        const spec = actionSpecOf(value);
        if (spec?.projectAccess !== undefined) membershipOnly.push(name);
      }
    }
    expect(membershipOnly.sort()).toEqual([...MEMBERSHIP_ONLY_ACTIONS].sort());
  });

  it("an action elsewhere that takes a projectId is project-scoped too", async () => {
    const serverFiles = sourceFiles(["app", "components", "lib"]).filter(({ text }) => /^\s*["']use server["']/.test(text));
    const unscoped: string[] = [];
    for (const { file } of serverFiles) {
      for (const [name, value] of Object.entries(await import(path.join(ROOT, file)))) {
        const spec = actionSpecOf(value);
        const shape = (spec?.input as { shape?: Record<string, unknown> } | undefined)?.shape;
        if (shape && "projectId" in shape && !spec?.project) unscoped.push(`${file}: ${name}`);
      }
    }
    expect(unscoped).toEqual([]);
  });
});
