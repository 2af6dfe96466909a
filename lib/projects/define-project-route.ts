import { createTranslator } from "next-intl";
import { unstable_rethrow } from "next/navigation";
import { getSession } from "@/lib/auth/session";
import type { ProjectRole } from "@/lib/db/generated/enums";
import { AppError, errorMessage, type ErrorCode } from "@/lib/errors";
import { requestLocale } from "@/lib/i18n/locale";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import { requireProjectAccess, type ProjectAccess } from "./access";

/**
 * Route handlers under app/api/projects/[projectId]/…: the same enforcement as the project's
 * pages and actions (lib/projects/access.ts requireProjectAccess: membership, the project's 2FA
 * policy, the role), then the handler. A refusal is an RFC 9457 problem (application/problem+json)
 * with its detail in the caller's language, never a redirect or an HTML page:
 * - signed out, or a sign-in still waiting for its second step: 401;
 * - not a member, or no such project: 404, alike, so a stranger learns nothing;
 * - a member the policy blocks (no method that counts, or not verified in this session) and a
 *   member below `role`: 403, with the reason's `code`.
 * A test (define-project-route.test.ts) fails when a route under app/api/projects skips this.
 */
export type ProjectRouteContext = { access: ProjectAccess; locale: Locale };

export type ProjectRouteSpec = {
  role: ProjectRole;
  handler: (request: Request, context: ProjectRouteContext) => Promise<Response>;
};

/** What Next passes a route handler under a [projectId] folder. */
export type ProjectRouteParams = { params: Promise<{ projectId: string }> };

export type ProjectRoute = (request: Request, context: ProjectRouteParams) => Promise<Response>;

const routes = new WeakSet<object>();
/** Whether a route handler came from defineProjectRoute (the discovery test). */
export const isProjectRoute = (value: unknown): boolean => typeof value === "function" && routes.has(value);

export function defineProjectRoute(spec: ProjectRouteSpec): ProjectRoute {
  const route: ProjectRoute = async (request, context) => {
    let locale: Locale = DEFAULT_LOCALE;
    try {
      locale = await requestLocale();
      // requireProjectAccess would redirect a signed-out caller to the sign-in page: an API answers 401.
      if (!(await getSession())) return problem(request, "unauthorized", locale);
      const { projectId } = await context.params;
      const access = await requireProjectAccess(projectId, spec.role, "api");
      return await spec.handler(request, { access, locale });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) return problem(request, error.code, locale);
      console.error("Unexpected error in a project API route:", error);
      return problem(request, "unexpected", locale);
    }
  };
  routes.add(route);
  return route;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  unauthorized: 401,
  sign_in_expired: 401,
  api_key_invalid: 401,
  insufficient_scope: 403,
  forbidden: 403,
  project_two_factor_required: 403,
  project_verification_required: 403,
  support_two_factor_required: 403,
  sudo_required: 403,
  not_found: 404,
  invalid_input: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  throttled: 429,
  rate_limited: 429,
  reminder_throttled: 429,
  unexpected: 500,
  secret_unreadable: 500,
};

/** The status a refusal answers with; a domain refusal not listed is a 422. */
export const problemStatus = (code: ErrorCode): number => STATUS[code] ?? 422;

/** The general words per status, as the problem's title; the code's own words are its detail. */
const TITLE: Record<number, ErrorCode> = { 400: "invalid_input", 401: "unauthorized", 403: "forbidden", 404: "not_found", 500: "unexpected" };

/**
 * What a problem may carry beyond its code (the REST API, lib/api/define-api-route.ts): the
 * values its words need, RFC 9457 extension members (`errors`: which fields were wrong and
 * why), extra headers (Retry-After, WWW-Authenticate).
 */
export type ProblemExtra = { values?: Record<string, string | number>; members?: Record<string, unknown>; headers?: Record<string, string> };

/** An RFC 9457 problem for a refusal's code, in `locale`. */
export function problem(request: Request, code: ErrorCode, locale: Locale, extra: ProblemExtra = {}): Response {
  const status = problemStatus(code);
  const t = createTranslator({ locale, messages: messagesByLocale[locale] });
  const words = (of: ErrorCode, values?: Record<string, string | number>) => {
    const message = errorMessage(of, values);
    return t(message.key as Parameters<typeof t>[0], message.values);
  };
  const body = {
    type: `urn:tessera:problem:${code}`,
    title: words(TITLE[status] ?? code, extra.values),
    status,
    detail: words(code, extra.values),
    code,
    instance: new URL(request.url).pathname,
    ...extra.members,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/problem+json; charset=utf-8",
      "content-language": locale,
      "cache-control": "no-store",
      vary: "Cookie, Accept-Language",
      ...extra.headers,
    },
  });
}
