import type { z } from "zod";
import { getEnv } from "@/lib/env";
import { readBody } from "@/lib/http/action-request";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import type { ErrorCode } from "@/lib/errors";
import { guardedRun, markGuarded, type Access, type ActionSpec } from "./define-action";
import type { FormState } from "./form-state";

/** What a form route's success may say besides ok: where the browser goes next. */
export type RouteState = FormState & { redirectTo?: string };

export type FormRouteSpec<A extends Access, S extends z.ZodType | undefined> = ActionSpec<A, S, RouteState> & {
  /** The page that holds the form, where a browser without JavaScript is sent back with the refusal's code. */
  formPage: (form: FormData) => string;
};

/** Larger than any form of ours; a bigger body is refused before it is read whole. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * A form that posts to a route handler instead of a server action, through the same guarded
 * path (access, schema, sudo, one domain call, errors as message codes). For the hot paths: a
 * server action that sets a cookie or redirects makes Next render a whole page into the same
 * answer, and the second-factor step does both. Here the answer is the form state as JSON for
 * the hydrated form (which then navigates to `redirectTo`), or a 303 for a browser without
 * JavaScript: to `redirectTo`, or back to the form with `?failed=<code>`.
 */
export function defineFormRoute<A extends Access, S extends z.ZodType | undefined>(spec: FormRouteSpec<A, S>) {
  const run = guardedRun(spec);
  const route = async (request: Request): Promise<Response> => {
    if (crossSite(request)) return new Response("Cross-site form posts are refused.", { status: 403, headers: NO_STORE });
    const form = await readForm(request);
    if (!form) return new Response("The form could not be read.", { status: 400, headers: NO_STORE });
    const state: RouteState = await run(form);
    if (wantsJson(request)) return Response.json(state, { status: statusFor(state), headers: NO_STORE });
    const to = state.ok && state.redirectTo ? state.redirectTo : withFailure(spec.formPage(form), state.code ?? "unexpected");
    return new Response(null, { status: 303, headers: { ...NO_STORE, location: to } });
  };
  markGuarded(route);
  return route;
}

/** Never cached; no-transform also spares a few bytes of JSON a gzip stream of their own (Next compresses answers of unknown length). */
const NO_STORE = { "cache-control": "no-store, no-transform" };

/**
 * A form post another site made the browser send. The session cookie is SameSite=Lax, so such a
 * post arrives without it; this refuses it outright, as Next does for server actions: the
 * Origin (every browser sends it on a POST) must be this app's, and Fetch Metadata must not
 * say cross-site. A client without either header is not a browser that can be tricked.
 */
function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return origin !== new URL(getEnv().APP_URL).origin && (!host || origin.replace(/^https?:\/\//, "") !== host);
}

/** The posted form (urlencoded or multipart, as browsers send it), or null when it is too large or not a form. */
async function readForm(request: Request): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return null;
  const body = await readBody(request, MAX_BODY_BYTES);
  if (!body) return null;
  try {
    return await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    return null;
  }
}

const wantsJson = (request: Request) => (request.headers.get("accept") ?? "").includes("application/json");

/** HTTP's word for a refusal, for clients and logs; the form reads the JSON either way. */
function statusFor(state: RouteState): number {
  if (state.ok || !state.code) return 200;
  const statuses: Partial<Record<ErrorCode, number>> = {
    unexpected: 500,
    secret_unreadable: 500,
    sign_in_expired: 401,
    unauthorized: 401,
    forbidden: 403,
    sudo_required: 403,
    locked: 429,
    throttled: 429,
    challenge_over: 429,
  };
  return statuses[state.code] ?? 422;
}

/**
 * Back to the form's page with the refusal's code. The page may be built from what was posted (a
 * project's id), so the result is held to a same-origin path: "..//evil.example" in a field must
 * not become a redirect to another site.
 */
function withFailure(page: string, code: string): string {
  const url = new URL(page, "http://form.invalid");
  url.searchParams.set("failed", code);
  return safeRedirectPath(`${url.pathname}${url.search}`, `/?failed=${encodeURIComponent(code)}`);
}
