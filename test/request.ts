import { sessionCookie } from "@/lib/auth/cookies";
import { sealSessionToken } from "@/lib/auth/session-cookie";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/auth/sessions";
import { getEnv } from "@/lib/env";
import { PATH_HEADER } from "@/lib/http/path-header";

/**
 * The request a test plays: whose session cookie it carries (sealed the way the app seals it, so
 * the real lib/auth/session path opens it and reads the row) and, for pages, the path the proxy
 * would have put in its header. A test file mocks next/headers with these:
 *
 *   vi.mock("next/headers", () => ({
 *     headers: async () => (await import("@/test/request")).requestHeaders(),
 *     cookies: async () => (await import("@/test/request")).requestCookies(),
 *   }));
 *
 * (imported lazily at call time: this module itself reads next/headers through lib/auth.)
 */
const current: { cookie: { name: string; value: string } | null; path: string | null } = { cookie: null, path: null };

/** The next calls come from this session (null: signed out), on `path` when a page asks. */
export async function actAs(sessionId: string | null, path: string | null = null): Promise<void> {
  const env = getEnv();
  const { name } = sessionCookie(env.APP_URL);
  current.cookie = sessionId ? { name, value: await sealSessionToken(sessionId, env.AUTH_SECRET, name, SESSION_MAX_AGE_SECONDS) } : null;
  current.path = path;
}

export function requestHeaders(): Headers {
  const headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "127.0.0.1" });
  if (current.path) headers.set(PATH_HEADER, current.path);
  return headers;
}

export function requestCookies() {
  const cookie = current.cookie;
  return {
    get: (name: string) => (cookie && cookie.name === name ? cookie : undefined),
    getAll: () => (cookie ? [cookie] : []),
    has: (name: string) => !!cookie && cookie.name === name,
    set: () => undefined,
    delete: () => undefined,
  };
}

/** Where a thrown Next redirect goes (redirect() throws an error whose digest names the URL), else null. */
export function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) return null;
  // "NEXT_REDIRECT;<type>;<url>;<status>;" (the URL may hold ";").
  return digest.split(";").slice(2, -2).join(";");
}

/** Whether a thrown error is Next's notFound(). */
export function isNotFound(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404");
}
