import { z } from "zod";
import type { AccessActor } from "@/lib/access/permissions";
import { auditInsertSql, recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/lib/db/generated/client";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError, type ErrorCode } from "@/lib/errors";
import { requestClientFrom, type RequestContext } from "@/lib/http/request-context";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { localeFromHeaders } from "@/lib/i18n/negotiate";
import { problem, problemStatus, type ProblemExtra } from "@/lib/projects/define-project-route";
import { claimApiCall, identifyApiKey } from "./authenticate";
import { readJsonBody } from "./request-body";
import { fieldErrors } from "./validation-errors";

/**
 * The one wrapper of every /api/v1 route (issue 12 §6). In order: the key (Authorization:
 * Bearer; missing, malformed, unknown, revoked, expired: 401 alike, audited without the secret),
 * its claim on the rate limit (429 with Retry-After), the project in the path (another
 * project's key: 404), the scope (403 insufficient_scope), then params, query and JSON body
 * through zod (400/413/415 with `errors`), then the handler with the key as an AccessActor.
 * Every failure is problem+json in the caller's language, never a 5xx for bad input. Every call
 * is audited with the key's id: a handler that succeeds and wrote its own domain event
 * (`auditsItself`: every change, every door check) is audited by that event; any other call
 * writes api.request. The spec is kept beside the handler for OpenAPI (lib/api/openapi.ts).
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";
export type SuccessStatus = 200 | 201 | 204;
type AnyObject = z.ZodType<Record<string, unknown>>;

export type ApiHandlerInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  actor: AccessActor & { kind: "api_key" };
  projectId: string;
  context: RequestContext;
  locale: Locale;
  now: Date;
  request: Request;
};

export type ApiRouteSpec<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined> = {
  method: HttpMethod;
  /** The OpenAPI path under /api/v1, e.g. "/projects/{projectId}/access-users/{accessUserId}". */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  scope: "read" | "write";
  /** The path's parameters other than projectId; a malformed one answers 404, as an unknown id does. */
  params?: P;
  query?: Q;
  body?: B;
  /** The one success status and its body's schema (null: no body). */
  responses: Partial<Record<SuccessStatus, z.ZodType | null>>;
  /** Refusals the handler may answer, for the document (401, 403, 404, 429 and 400 are listed for every route). */
  refusals?: ErrorCode[];
  /** A success writes a domain event carrying the key's id, so no api.request is written for it. */
  auditsItself?: boolean | ((result: unknown) => boolean);
  handler: (input: ApiHandlerInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>;
};

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ApiRouteContext = { params: Promise<Record<string, string | string[] | undefined>> };
export type ApiRoute = ((request: Request, context: ApiRouteContext) => Promise<Response>) & {
  spec: ApiRouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>;
  /** The same route on a given clock (tests of expiry and rate windows). */
  at: (now: Date) => (request: Request, context: ApiRouteContext) => Promise<Response>;
};

const routes = new Set<ApiRoute>();
/** Every route made here, for OpenAPI and for the test that every route file is documented. */
export const registeredApiRoutes = (): ApiRoute[] => [...routes];
export const isApiRoute = (value: unknown): value is ApiRoute => typeof value === "function" && routes.has(value as ApiRoute);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function defineApiRoute<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: ApiRouteSpec<P, Q, B>,
): ApiRoute {
  const handle = (now: () => Date) => (request: Request, context: ApiRouteContext) => runApiRoute(spec as never, request, context, now());
  const route = Object.assign(handle(() => new Date()), {
    spec: spec as unknown as ApiRoute["spec"],
    at: (now: Date) => handle(() => now),
  });
  routes.add(route);
  return route;
}

export function successStatus(spec: Pick<ApiRoute["spec"], "responses">): SuccessStatus {
  return ([200, 201, 204] as const).find((status) => status in spec.responses) ?? 200;
}

type Spec = ApiRoute["spec"];

/**
 * The caller's language, negotiated only when something reads it (a refusal's problem+json, a
 * handler that asks): the success path of a door check never does, and Accept-Language
 * negotiation is measurable per request at the API's rates.
 */
function lazyLocale(headers: Headers): () => Locale {
  let locale: Locale | undefined;
  return () => (locale ??= localeFromHeaders(headers) ?? DEFAULT_LOCALE);
}

/** requestContextFrom, with its `locale` read on first use (emails are the only readers; see lazyLocale). */
function lazyRequestContext(headers: Headers, locale: () => Locale | null): RequestContext {
  const { ip, userAgent } = requestClientFrom(headers);
  return Object.defineProperty({ ip, userAgent } as RequestContext, "locale", { get: locale, enumerable: true });
}

async function runApiRoute(spec: Spec, request: Request, context: ApiRouteContext, now: Date): Promise<Response> {
  const localeOf = lazyLocale(request.headers);
  const requestContext = lazyRequestContext(request.headers, () => localeFromHeaders(request.headers));
  const refuse = (code: ErrorCode, extra?: ProblemExtra) => problem(request, code, localeOf(), extra);
  let trace: Trace | null = null;
  let response: Response;
  let wroteDomainEvent = false;
  try {
    const identified = await identifyApiKey(request.headers.get("authorization"));
    if (identified.kind === "refused") {
      await auditRefusal(spec, request, identified, requestContext, now);
      return refuse("api_key_invalid", { headers: { "www-authenticate": 'Bearer realm="tessera"' } });
    }
    const { key } = identified;
    // Everything that needs no database first (CPU only): a refusal here is then claimed and
    // traced in one statement. Its answer still waits for the claim: a dead key gets 401, an
    // exhausted one 429, never a hint about the input.
    const prepared = await prepareCall(spec, request, context, key, localeOf);
    const limit = getEnv().API_RATE_LIMIT_PER_MINUTE;
    const traced = prepared.kind === "refused" ? { event: requestEvent(spec, request, key, problemStatus(prepared.code), requestContext) } : undefined;
    const claim = await claimApiCall(key.id, requestContext.ip, now, limit, traced);
    if (claim.kind === "dead") {
      await auditRefusal(spec, request, { reason: claim.reason, key, prefix: null }, requestContext, now);
      return refuse("api_key_invalid", { headers: { "www-authenticate": 'Bearer realm="tessera", error="invalid_token"' } });
    }
    const limited = claim.kind === "limited" ? refuse("rate_limited", { headers: { "retry-after": String(claim.retryAfterSeconds), "ratelimit-limit": String(claim.limit) } }) : null;
    if (prepared.kind === "refused") return limited ?? refuse(prepared.code, prepared.extra);
    trace = key;
    if (limited || claim.kind !== "allowed") {
      response = limited!;
    } else {
      const result = await spec.handler({
        ...prepared.input,
        context: requestContext,
        get locale() {
          return localeOf();
        },
        now,
        request,
      });
      response = answer(spec, result, claim);
      const audits = spec.auditsItself;
      wroteDomainEvent = typeof audits === "function" ? audits(result) : audits === true;
    }
  } catch (error) {
    response = fromError(error, refuse);
  }
  // One plain INSERT (auditInsertSql) rather than a Prisma model create: the same row, less CPU per call.
  if (trace && !wroteDomainEvent) await db.$executeRaw(auditInsertSql(requestEvent(spec, request, trace, response.status, requestContext), now, Prisma.sql`TRUE`));
  return response;
}

type Trace = { id: string; projectId: string; createdById: string };
type KeyFacts = Trace & { scopes: ("read" | "write")[] };
type Prepared =
  | { kind: "refused"; code: ErrorCode; extra?: ProblemExtra }
  | { kind: "ready"; input: Pick<Parameters<Spec["handler"]>[0], "params" | "query" | "body" | "actor" | "projectId"> };

/** The project, the scope, the path's ids, the query and the body: no database. */
async function prepareCall(spec: Spec, request: Request, context: ApiRouteContext, key: KeyFacts, locale: () => Locale): Promise<Prepared> {
  const raw = await context.params;
  const projectId = typeof raw.projectId === "string" ? raw.projectId : "";
  // Another project's key learns nothing about this one: the same 404 as for an unknown project.
  if (!UUID.test(projectId) || projectId.toLowerCase() !== key.projectId) return { kind: "refused", code: "not_found" };
  if (!key.scopes.includes(spec.scope)) {
    return { kind: "refused", code: "insufficient_scope", extra: { headers: { "www-authenticate": `Bearer realm="tessera", error="insufficient_scope", scope="${spec.scope}"` } } };
  }
  const { projectId: _project, ...rest } = raw;
  const params = spec.params ? spec.params.safeParse(rest) : { success: true as const, data: undefined };
  if (!params.success) return { kind: "refused", code: "not_found" };
  const searchParams = Object.fromEntries(new URL(request.url).searchParams);
  if (Object.entries(searchParams).some(([name, value]) => name.includes("\u0000") || value.includes("\u0000"))) return { kind: "refused", code: "invalid_input" };
  const query = spec.query ? spec.query.safeParse(searchParams) : { success: true as const, data: undefined };
  if (!query.success) return { kind: "refused", code: "invalid_input", extra: { members: { errors: fieldErrors(query.error, "query", locale()) } } };
  let body: unknown = undefined;
  if (spec.body) {
    const read = await readJsonBody(request);
    if (read.kind === "refused") return { kind: "refused", code: read.code };
    const parsed = spec.body.safeParse(read.value);
    if (!parsed.success) return { kind: "refused", code: "invalid_input", extra: { members: { errors: fieldErrors(parsed.error, "body", locale()) } } };
    body = parsed.data;
  }
  const actor = { kind: "api_key" as const, projectId: key.projectId, keyId: key.id, createdById: key.createdById, scopes: key.scopes };
  return { kind: "ready", input: { params: params.data as Record<string, unknown> | undefined, query: query.data as Record<string, unknown> | undefined, body, actor, projectId: key.projectId } };
}

function answer(spec: Spec, result: unknown, claim: { count: number; limit: number }): Response {
  const status = successStatus(spec);
  const headers = { "cache-control": "no-store", "ratelimit-limit": String(claim.limit), "ratelimit-remaining": String(Math.max(0, claim.limit - claim.count)) };
  if (status === 204) return new Response(null, { status, headers });
  // Next gzips every answer whose client accepts it (its compression cannot see a route's body
  // length, so its 1 KB threshold never applies): a zlib stream per small answer cost more CPU
  // than the door check itself, to save a few dozen bytes. `no-transform` is how a response
  // declines it; bodies from 1 KB on (lists) are still compressed.
  const body = JSON.stringify(result);
  const small = Buffer.byteLength(body) < 1024;
  return new Response(body, { status, headers: { ...headers, ...(small ? { "cache-control": "no-store, no-transform" } : {}), "content-type": "application/json" } });
}

function fromError(error: unknown, refuse: (code: ErrorCode, extra?: ProblemExtra) => Response): Response {
  if (error instanceof AppError) {
    const values = error.details.values as Record<string, string | number> | undefined;
    const members = error.details.lockedUntil ? { lockedUntil: error.details.lockedUntil.toISOString() } : undefined;
    return refuse(error.code, { values, members });
  }
  if (error instanceof SecretBoxError) {
    console.error("A stored secret could not be opened (was ENCRYPTION_KEY changed?):", error.reason);
    return refuse("secret_unreadable");
  }
  console.error("Unexpected error in an API route:", error);
  return refuse("unexpected");
}

async function auditRefusal(spec: Spec, request: Request, refused: { reason: string; key: { id: string; projectId: string } | null; prefix: string | null }, context: RequestContext, now: Date) {
  await recordAudit(db, {
    type: "api.key_refused",
    outcome: "failure",
    actorId: null,
    subjectId: null,
    projectId: refused.key?.projectId ?? null,
    metadata: { reason: refused.reason, method: request.method, route: spec.path, ...(refused.key ? { keyId: refused.key.id } : {}), ...(refused.prefix ? { prefix: refused.prefix } : {}) },
    context,
    at: now,
  });
}

/** api.request: a call by a key that wrote no domain event of its own (a read, a refusal). */
function requestEvent(spec: Spec, request: Request, key: Trace, status: number, context: RequestContext) {
  return {
    type: "api.request" as const,
    outcome: status < 400 ? ("success" as const) : ("failure" as const),
    actorId: key.createdById,
    subjectId: null,
    projectId: key.projectId,
    metadata: { apiKeyId: key.id, method: request.method, route: spec.path, status },
    context,
  };
}

/** The status a refusal code answers with (for the document). */
export { problemStatus };
