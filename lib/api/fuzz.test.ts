import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  // The fuzz run measures validation, not the rate limit (tested on its own).
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
});

import { db } from "@/lib/db";
import type { ApiRoute } from "./define-api-route";
import { API_ROUTES } from "./endpoints";
import { keyFor, projectWithOwner } from "./testing";

/**
 * Every /api/v1 route, ≥ 1,000 generated requests each, through its handler as Next calls it:
 * keys good, read-only, foreign, garbled or missing; path ids real, random or junk; query
 * strings and JSON bodies of any shape (wrong types, nulls, arrays, unicode, huge strings,
 * invalid JSON, the wrong content type). No answer may be a 5xx, and every refusal is
 * problem+json (DESIGN rule 9).
 */
const RUNS = 1_000;
const FIELDS = ["name", "email", "externalId", "memberUserId", "status", "schedule", "day", "start", "end", "mode", "code", "generate", "length", "facilityCode", "cardNumber", "doorId", "cursor", "limit", "q", "type"];

type World = { projectId: string; otherProjectId: string; keys: { write: string; read: string; foreign: string }; ids: string[] };
let world: World;

beforeAll(async () => {
  const setup = await projectWithOwner();
  const other = await projectWithOwner();
  const write = await keyFor(setup, { scopes: ["read", "write"] });
  const read = await keyFor(setup, { scopes: ["read"] });
  const foreign = await keyFor(other, { scopes: ["read", "write"] });
  const door = await db.door.create({ data: { projectId: setup.project.id, name: "Front", schedule: [{ day: 1, start: "00:00", end: "24:00", mode: "card_and_code" }] } });
  const user = await db.accessUser.create({ data: { projectId: setup.project.id, name: "Ada" } });
  const card = await db.accessCard.create({ data: { projectId: setup.project.id, accessUserId: user.id, facilityCode: 1, cardNumber: 1 } });
  world = { projectId: setup.project.id, otherProjectId: other.project.id, keys: { write: write.key, read: read.key, foreign: foreign.key }, ids: [door.id, user.id, card.id] };
}, 120_000);

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom("", " ", "null", "0", "-1", "1e309", "../..", "%00", "\u0000", "𝟘𝟙", "１２３４", "<script>"));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), text), tie("node"), { maxKeys: 5 })),
})).node;
/** Objects with the fields routes read, holding anything, so many inputs get past JSON into the schemas. */
const likely = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value, fc.integer({ min: 0, max: 70_000 }).map(String), fc.constantFrom("1234", "123456", "card_only", "card_and_code", "active", "suspended", "09:00", "24:00")), { maxKeys: 6 });

const body = fc.oneof(
  { weight: 5, arbitrary: likely.map((object) => JSON.stringify(object)) },
  { weight: 3, arbitrary: value.map((anything) => JSON.stringify(anything) ?? "null") },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom("{", "[1,", '{"a":}', "\uFEFF{}", "nul", "", "{}".repeat(10)) },
  { weight: 1, arbitrary: fc.constantFrom(JSON.stringify({ name: "x".repeat(1_100_000) }), JSON.stringify({ name: "界".repeat(200_000) })) },
);
const contentType = fc.oneof({ weight: 8, arbitrary: fc.constant("application/json") }, { weight: 2, arbitrary: fc.constantFrom(null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8", "application/merge-patch+json", "multipart/form-data; boundary=x", "application/jsonx") });
const query = fc.dictionary(fc.oneof(fc.constantFrom("cursor", "limit", "q", "type", "format"), text), fc.oneof(text, fc.integer().map(String)), { maxKeys: 4 });

function request(route: ApiRoute) {
  const names = [...route.spec.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).filter((name) => name !== "projectId");
  const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...world.ids) }, { weight: 2, arbitrary: fc.uuid() }, { weight: 1, arbitrary: text });
  return fc.record({
    key: fc.oneof({ weight: 6, arbitrary: fc.constant(world.keys.write) }, { weight: 1, arbitrary: fc.constantFrom(world.keys.read, world.keys.foreign, null) }, { weight: 1, arbitrary: text.map((junk) => `tsk_${junk.replace(/[^\x20-\x7e]/g, "?")}`) }),
    projectId: fc.oneof({ weight: 8, arbitrary: fc.constant(world.projectId) }, { weight: 1, arbitrary: fc.constantFrom(world.otherProjectId) }, { weight: 1, arbitrary: fc.oneof(fc.uuid(), text) }),
    params: fc.tuple(...names.map(() => id)).map((values) => Object.fromEntries(names.map((name, n) => [name, values[n]!]))),
    query,
    body,
    contentType,
    language: fc.constantFrom("en", "ja", "de-DE,de;q=0.9", "*", "xx"),
  });
}

async function call(route: ApiRoute, input: { key: string | null; projectId: string; params: Record<string, string>; query: Record<string, string>; body: string; contentType: string | null; language: string }) {
  const params = { projectId: input.projectId, ...input.params };
  const path = route.spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name as keyof typeof params] ?? ""));
  const headers = new Headers({ "accept-language": input.language });
  if (input.key !== null) headers.set("authorization", `Bearer ${input.key}`);
  if (input.contentType) headers.set("content-type", input.contentType);
  const withBody = route.spec.method !== "GET";
  const url = `http://localhost/api/v1${path}?${new URLSearchParams(input.query)}`;
  return route(new Request(url, { method: route.spec.method, headers, body: withBody ? input.body : undefined }), { params: Promise.resolve(params) });
}

describe("fuzzing every /api/v1 route", { timeout: 300_000 }, () => {
  it.each(API_ROUTES.map((route) => [`${route.spec.method} ${route.spec.path}`, route] as const))("%s: 1,000 generated requests, never a 5xx, every refusal problem+json", async (_, route) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request(route), async (input) => {
        const response = await call(route, input);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, JSON.stringify({ ...input, body: input.body.slice(0, 200) })).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          const problem = (await response.json()) as { status: number; detail: unknown };
          expect(problem.status).toBe(response.status);
          expect(typeof problem.detail).toBe("string");
        } else if (response.status !== 204) {
          expect(response.headers.get("content-type")).toMatch(/^application\/json/);
          await response.json();
        }
      }),
      { numRuns: RUNS },
    );
    // The run reached the handlers, not only the refusals before them.
    expect([...statuses.keys()].some((status) => status < 300 || status === 404 || status === 409 || status === 422)).toBe(true);
  });
});
