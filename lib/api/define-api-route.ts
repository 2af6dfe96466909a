import { z } from "zod";
import type { AccessActor } from "@/lib/access/permissions";
import { recordAudit } from "@/lib/audit/record";
import { SecretBoxError } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import { requestContextFrom, type RequestContext } from "@/lib/http/request-context";
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
  auditsItself?: boolean;
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

async function runApiRoute(spec: Spec, request: Request, context: ApiRouteContext, now: Date): Promise<Response> {
  const locale = localeFromHeaders(request.headers) ?? DEFAULT_LOCALE;
  const requestContext = requestContextFrom(request.headers);
  const refuse = (code: ErrorCode, extra?: ProblemExtra) => problem(request, code, locale, extra);
  let trace: { keyId: string; projectId: string; createdById: string } | null = null;
  let response: Response;
  let wroteDomainEvent = false;
  try {
    const identified = await identifyApiKey(request.headers.get("authorization"));
    if (identified.kind === "refused") {
      await auditRefusal(spec, request, identified, requestContext, now);
      return refuse("api_key_invalid", { headers: { "www-authenticate": 'Bearer realm="tessera"' } });
    }
    const { key } = identified;
    const claim = await claimApiCall(key.id, requestContext.ip, now);
    if (claim.kind === "dead") {
      await auditRefusal(spec, request, { reason: claim.reason, key, prefix: null }, requestContext, now);
      return refuse("api_key_invalid", { headers: { "www-authenticate": 'Bearer realm="tessera", error="invalid_token"' } });
    }
    trace = { keyId: key.id, projectId: key.projectId, createdById: key.createdById };
    if (claim.kind === "limited") {
      response = refuse("rate_limited", {
        headers: { "retry-after": String(claim.retryAfterSeconds), "ratelimit-limit": String(claim.limit) },
      });
    } else {
      response = await authorisedCall(spec, request, context, { key, now, locale, requestContext, refuse, claim });
      wroteDomainEvent = spec.auditsItself === true && response.status < 300;
    }
  } catch (error) {
    response = fromError(error, refuse);
  }
  if (trace && !wroteDomainEvent) await auditRequest(spec, request, trace, response.status, requestContext, now);
  return response;
}

type CallState = {
  key: { id: string; projectId: string; scopes: ("read" | "write")[]; createdById: string };
  now: Date;
  locale: Locale;
  requestContext: RequestContext;
  refuse: (code: ErrorCode, extra?: ProblemExtra) => Response;
  claim: { count: number; limit: number };
};

async function authorisedCall(spec: Spec, request: Request, context: ApiRouteContext, state: CallState): Promise<Response> {
  const { key, refuse, locale } = state;
  const raw = await context.params;
  const projectId = typeof raw.projectId === "string" ? raw.projectId : "";
  // Another project's key learns nothing about this one: the same 404 as for an unknown project.
  if (!UUID.test(projectId) || projectId.toLowerCase() !== key.projectId) return refuse("not_found");
  if (!key.scopes.includes(spec.scope)) return refuse("insufficient_scope", { headers: { "www-authenticate": `Bearer realm="tessera", error="insufficient_scope", scope="${spec.scope}"` } });

  const { projectId: _project, ...rest } = raw;
  const params = spec.params ? spec.params.safeParse(rest) : { success: true as const, data: undefined };
  if (!params.success) return refuse("not_found");
  const url = new URL(request.url);
  const query = spec.query ? spec.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: undefined };
  if (!query.success) return refuse("invalid_input", { members: { errors: fieldErrors(query.error, "query", locale) } });
  let body: unknown = undefined;
  if (spec.body) {
    const read = await readJsonBody(request);
    if (read.kind === "refused") return refuse(read.code);
    const parsed = spec.body.safeParse(read.value);
    if (!parsed.success) return refuse("invalid_input", { members: { errors: fieldErrors(parsed.error, "body", locale) } });
    body = parsed.data;
  }
  const actor = { kind: "api_key" as const, projectId: key.projectId, keyId: key.id, createdById: key.createdById, scopes: key.scopes };
  const result = await spec.handler({ params: params.data, query: query.data, body, actor, projectId: key.projectId, context: state.requestContext, locale, now: state.now, request });
  const status = successStatus(spec);
  const headers = { "cache-control": "no-store", "ratelimit-limit": String(state.claim.limit), "ratelimit-remaining": String(Math.max(0, state.claim.limit - state.claim.count)) };
  if (status === 204) return new Response(null, { status, headers });
  return Response.json(result, { status, headers });
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

async function auditRequest(spec: Spec, request: Request, trace: { keyId: string; projectId: string; createdById: string }, status: number, context: RequestContext, now: Date) {
  await recordAudit(db, {
    type: "api.request",
    outcome: status < 400 ? "success" : "failure",
    actorId: trace.createdById,
    subjectId: null,
    projectId: trace.projectId,
    metadata: { apiKeyId: trace.keyId, method: request.method, route: spec.path, status },
    context,
    at: now,
  });
}

/** The status a refusal code answers with (for the document). */
export { problemStatus };
