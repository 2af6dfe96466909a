import crypto from "node:crypto";
import { db } from "@/lib/db";
import { createProject } from "@/lib/projects/projects";
import { context, createUser, sudoActor } from "@/test/factories";
import type { ApiRoute } from "./define-api-route";
import { createApiKey, type NewApiKey } from "./keys";

/** Test helpers for /api/v1: a project with its owner, keys for it, and calls through a route handler as Next makes them. */

export async function projectWithOwner(now = new Date()) {
  const owner = await createUser();
  const actor = await sudoActor(owner.id, now);
  const project = await createProject(actor, `API ${crypto.randomBytes(3).toString("hex")}`, context);
  return { owner, actor, project };
}

export async function keyFor(setup: Awaited<ReturnType<typeof projectWithOwner>>, input: Partial<NewApiKey> = {}, now = new Date()) {
  return createApiKey(setup.actor, setup.project.id, { name: `key ${crypto.randomBytes(3).toString("hex")}`, scopes: ["read", "write"], expiresInDays: null, ...input }, context, now);
}

export type CallOptions = { key?: string | null; body?: unknown; rawBody?: string; contentType?: string; query?: string; headers?: Record<string, string>; now?: Date; params?: Record<string, string> };

/** Calls `route` for `path` (the OpenAPI path with its values filled in) as Next would. */
export function callRoute(route: ApiRoute, params: Record<string, string>, options: CallOptions = {}): Promise<Response> {
  const path = route.spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
  const headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "198.51.100.7", ...options.headers });
  if (options.key) headers.set("authorization", `Bearer ${options.key}`);
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    body = options.rawBody ?? JSON.stringify(options.body);
    headers.set("content-type", options.contentType ?? "application/json");
  }
  const request = new Request(`http://localhost/api/v1${path}${options.query ? `?${options.query}` : ""}`, { method: route.spec.method, headers, body });
  const handler = options.now ? route.at(options.now) : route;
  return handler(request, { params: Promise.resolve(params) });
}

export async function auditTypes(projectId: string) {
  return (await db.auditEvent.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { type: true, metadata: true, outcome: true } }));
}
