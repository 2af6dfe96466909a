import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { ROOT, sourceFiles } from "@/test/source-files";
import { defineAction, definePostAction, isGuardedAction } from "./define-action";

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

/** Every file under app/, components/ and lib/ that starts with "use server". */
const serverActionFiles = () => sourceFiles(["app", "components", "lib"]).filter(({ text }) => /^\s*["']use server["']/.test(text)).map(({ file }) => file);

describe("every server action goes through defineAction", () => {
  const files = serverActionFiles();

  it("finds the action files", () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(files.map((file) => [file]))("%s exports only guarded actions", async (file) => {
    const exported = Object.entries(await import(path.join(ROOT, file)));
    expect(exported.length).toBeGreaterThan(0);
    const bypassing = exported.filter(([, value]) => !isGuardedAction(value)).map(([name]) => name);
    expect(bypassing).toEqual([]);
  });

  it("tells a hand-written async function from a guarded one", () => {
    expect(isGuardedAction(async () => ({}))).toBe(false);
    expect(isGuardedAction(defineAction({ access: "public", run: async () => ({ ok: true }) }))).toBe(true);
  });
});

describe("defineAction", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) data.set(key, value);
    return data;
  };

  it("validates with the schema before the domain call, with message keys per field", async () => {
    const run = vi.fn(async () => ({ ok: true }));
    const action = defineAction({ access: "public", input: z.object({ code: z.string().min(1, "validation.enterCode") }), run });
    const state = await action({}, form({ code: "" }));
    expect(run).not.toHaveBeenCalled();
    expect(state).toMatchObject({ code: "invalid_input", message: { key: "errors.invalid_input" }, fieldErrors: { code: [{ key: "validation.enterCode" }] } });
  });

  it("reads zod's own wording as a generic key, never as English", async () => {
    const action = defineAction({ access: "public", input: z.object({ id: z.uuid() }), run: async () => ({ ok: true }) });
    expect(await action(form({ id: "nope" }))).toMatchObject({ fieldErrors: { id: [{ key: "validation.invalid" }] } });
  });

  it("takes the FormData from the last argument, as forms and buttons call it", async () => {
    const action = defineAction({ access: "public", input: z.object({ n: z.string() }), run: async ({ n }) => ({ ok: true, message: { key: n } }) });
    expect(await action(form({ n: "a" }))).toMatchObject({ message: { key: "a" } });
    expect(await action({}, form({ n: "b" }))).toMatchObject({ message: { key: "b" } });
    // Called without a form at all: an empty form, refused by the schema, not a crash.
    expect(await action()).toMatchObject({ code: "invalid_input" });
  });

  it("maps typed errors to message codes with the attempts left and a lock's end", async () => {
    const lockedUntil = new Date("2026-11-25T12:15:00Z");
    const locked = defineAction({ access: "public", run: async () => { throw new AppError("locked", { lockedUntil }); } });
    expect(await locked()).toEqual({ code: "locked", message: expect.objectContaining({ key: "errors.locked" }), lockedUntil: lockedUntil.toISOString() });
    const wrong = defineAction({ access: "public", run: async () => { throw new AppError("invalid_code", { attemptsLeft: 2 }); } });
    expect(await wrong()).toMatchObject({ code: "invalid_code", message: { key: "errors.invalid_code_attempts_left", values: { count: 2 } } });
  });

  it("answers an unreadable secret (ENCRYPTION_KEY changed) and any other failure with a message, never a throw", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const secret = defineAction({ access: "public", run: async () => { throw new SecretBoxError("authentication_failed" as never); } });
    expect(await secret()).toMatchObject({ code: "secret_unreadable" });
    const broken = defineAction({ access: "public", run: async () => { throw new Error("database is down"); } });
    expect(await broken()).toMatchObject({ code: "unexpected" });
    spy.mockRestore();
  });

  it("a plain form's action throws a refusal instead of dropping it, so a failed sign-out never looks done", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const post = definePostAction({ access: "public", run: async () => { throw new Error("database is down"); } });
    await expect(post(new FormData())).rejects.toThrow(/refused: unexpected/);
    expect(isGuardedAction(post)).toBe(true);
    await expect(definePostAction({ access: "public", run: async () => ({ ok: true }) })(new FormData())).resolves.toBeUndefined();
    spy.mockRestore();
  });

  it("refuses a pending-only action without a pending sign-in", async () => {
    const run = vi.fn(async () => ({ ok: true }));
    expect(await defineAction({ access: "pending", run })()).toMatchObject({ code: "sign_in_expired" });
    expect(run).not.toHaveBeenCalled();
  });
});
