import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { isApiRoute } from "@/lib/api/define-api-route";
import { ROOT, sourceFiles } from "@/test/source-files";
import { isGuardedAction } from "./define-action";
import { defineFormRoute } from "./define-form-route";

// The request-bound parts of Next are not there outside a request: a stand-in for each.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "vitest" }), cookies: async () => ({ get: () => undefined, set: () => {} }) }));
vi.mock("@/lib/auth/session", () => ({
  getSession: async () => null,
  getPendingSession: async () => null,
  currentSession: async () => null,
  requireSession: async () => {
    throw new Error("redirect to /sign-in");
  },
}));

/**
 * Route handlers that write and are not form routes, each for a stated reason: next-auth's own
 * endpoints (its CSRF token and our credentials check guard them), and development-only tools
 * that answer 404 in production and only ever take a privilege away.
 */
const UNGUARDED_ROUTES = new Map([
  ["app/api/projects/[projectId]/access/import/route.ts", "the CSV upload (up to 50 MB): defineProjectRoute, Origin/Fetch-Metadata check, transfer + sudo inside; lib/access/csv-import.test.ts"],
  ["app/api/auth/[...nextauth]/route.ts", "next-auth's endpoints"],
  ["app/dev/sudo/route.ts", "development only: ends sudo mode"],
  ["app/dev/projects/[projectId]/end-grace/route.ts", "development only: ends a project's grace period now"],
]);
const WRITING_METHODS = ["POST", "PUT", "PATCH", "DELETE"];

describe("every route handler that writes goes through defineFormRoute (the REST API through defineApiRoute)", () => {
  const files = sourceFiles(["app"])
    .map(({ file }) => file)
    .filter((file) => /(^|\/)route\.ts$/.test(file) && !UNGUARDED_ROUTES.has(file));

  it("finds the routes", () => {
    expect(files).toContain("app/api/sign-in/verify/route.ts");
  });

  it.each(files.map((file) => [file]))("%s", async (file) => {
    const exported = Object.entries(await import(path.join(ROOT, file)));
    // The REST API (app/api/v1) answers bearer API keys, never the session cookie, so a cross-site
    // form cannot ride on it: its routes come from defineApiRoute (lib/api/define-api-route.ts) instead.
    const guarded = file.startsWith("app/api/v1/") ? isApiRoute : isGuardedAction;
    const bypassing = exported.filter(([name, value]) => WRITING_METHODS.includes(name) && !guarded(value)).map(([name]) => name);
    expect(bypassing).toEqual([]);
  });
});

describe("defineFormRoute", () => {
  const origin = new URL(getEnv().APP_URL).origin;
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams(fields);
    return new Request(`${origin}/api/test`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin, "sec-fetch-site": "same-origin", ...headers },
    });
  };
  const json = { accept: "application/json" };
  const route = defineFormRoute({
    access: "public",
    input: z.object({ code: z.string().min(1, "validation.enterCode") }),
    formPage: () => "/form?step=2",
    run: async ({ code }) => {
      if (code === "wrong") throw new AppError("invalid_code", { attemptsLeft: 2 });
      if (code === "locked") throw new AppError("locked", { lockedUntil: new Date("2030-01-01T00:00:00Z") });
      return { ok: true, redirectTo: "/next" };
    },
  });

  it("answers the hydrated form with its state as JSON, refusals with an HTTP status to match", async () => {
    const passed = await route(post({ code: "right" }, json));
    expect(passed.status).toBe(200);
    expect(passed.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(await passed.json()).toEqual({ ok: true, redirectTo: "/next" });

    const wrong = await route(post({ code: "wrong" }, json));
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ code: "invalid_code", message: { key: "errors.invalid_code_attempts_left" } });

    const locked = await route(post({ code: "locked" }, json));
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: "locked", lockedUntil: "2030-01-01T00:00:00.000Z" });

    const empty = await route(post({ code: "" }, json));
    expect(await empty.json()).toMatchObject({ code: "invalid_input", fieldErrors: { code: [{ key: "validation.enterCode" }] } });
  });

  it("sends a browser without JavaScript on with a 303, or back to the form with the refusal's code", async () => {
    const passed = await route(post({ code: "right" }));
    expect([passed.status, passed.headers.get("location")]).toEqual([303, "/next"]);
    const wrong = await route(post({ code: "wrong" }));
    expect([wrong.status, wrong.headers.get("location")]).toEqual([303, "/form?step=2&failed=invalid_code"]);
  });

  it("goes back only to a page of this site, whatever the form page was built from", async () => {
    const fromField = defineFormRoute({
      access: "public",
      input: z.object({ id: z.string() }),
      formPage: (form) => `/projects/${String(form.get("id"))}`,
      run: async () => {
        throw new AppError("not_found");
      },
    });
    for (const id of ["..//evil.example", "..%2F%2Fevil.example", "../../\\evil.example"]) {
      const answer = await fromField(post({ id }));
      const location = answer.headers.get("location")!;
      expect(answer.status).toBe(303);
      expect(new URL(location, "http://app.invalid").origin).toBe("http://app.invalid");
      expect(location.startsWith("//")).toBe(false);
    }
  });

  it("refuses a post another site made the browser send, before anything runs", async () => {
    const run = vi.fn(async () => ({ ok: true }));
    const guarded = defineFormRoute({ access: "public", formPage: () => "/", run });
    const crossSite = await guarded(post({}, { "sec-fetch-site": "cross-site" }));
    const sameSite = await guarded(post({}, { "sec-fetch-site": "same-site" }));
    const otherOrigin = await guarded(post({}, { origin: "https://evil.example", "sec-fetch-site": "" }));
    expect([crossSite.status, sameSite.status, otherOrigin.status]).toEqual([403, 403, 403]);
    expect(run).not.toHaveBeenCalled();
    // A client that is not a browser sends neither header: there is no browser to trick.
    const bare = new Request(`${origin}/api/test`, { method: "POST", body: new URLSearchParams({}), headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect((await guarded(bare)).status).toBe(303);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("refuses a body that is not a form, or larger than any form", async () => {
    const notForm = await route(new Request(`${origin}/api/test`, { method: "POST", body: "{}", headers: { "content-type": "application/json", origin } }));
    expect(notForm.status).toBe(400);
    const huge = await route(post({ code: "x".repeat(20_000) }, json));
    expect(huge.status).toBe(400);
    // Without a length to trust, the limit holds while the body is read.
    const streamed = new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(`code=${"x".repeat(8192)}`));
      },
    });
    const chunked = new Request(`${origin}/api/test`, {
      method: "POST",
      body: streamed,
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      duplex: "half",
    } as RequestInit);
    expect((await route(chunked)).status).toBe(400);
  });

  it("is one of the guarded exports", () => {
    expect(isGuardedAction(route)).toBe(true);
    expect(isGuardedAction(async () => new Response())).toBe(false);
  });
});
