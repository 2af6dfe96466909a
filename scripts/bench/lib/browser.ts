/**
 * A simulated browser over real HTTP, shared by the benchmarks: a cookie jar, no-JavaScript
 * form posts, server-action calls encoded exactly as the React client encodes them, and JSON
 * posts as fetch-based clients send them.
 */
import { createRequire } from "node:module";
import errorWords from "@/messages/en/errors.json";
import { Tally } from "./tally";

const require = createRequire(import.meta.url);

/** `actionRedirect`: where a server action called by fetch redirected (Next's `x-action-redirect`, without `;push`). */
export type Answer = { status: number; location: string | null; text: string; actionRedirect?: string | null };

/** The named inputs of one rendered <form>, with the values React rendered into them, and where it posts. */
export type Form = Map<string, string> & { action?: string };

export type FormResult = { ok?: boolean; code?: string; sudo?: string; message?: string };
export type RouteResult = FormResult & { redirectTo?: string };

function routeResult(text: string): RouteResult | null {
  try {
    return JSON.parse(text) as RouteResult;
  } catch {
    return null;
  }
}

/** The session cookie next-auth sets over plain http (lib/auth/cookies.ts). */
export const SIGNED_IN = "authjs.session-token";

/**
 * The servers one run talks to, the User-Agent its browsers send, and the tally that counts
 * every request of the phase now running (phases never overlap). Requests alternate between
 * the servers, as a load balancer would spread them.
 */
export class Site {
  recording = new Tally();
  private next = 0;

  constructor(
    private readonly ports: number[],
    readonly userAgent: string,
  ) {}

  pick(): string {
    return `http://127.0.0.1:${this.ports[this.next++ % this.ports.length]}`;
  }

  /** Counts the requests of `work` in `phase`. */
  async during<R>(phase: Tally, work: () => Promise<R>): Promise<R> {
    this.recording = phase;
    try {
      return await work();
    } finally {
      this.recording = new Tally();
    }
  }
}

/**
 * A cookie jar plus the requests a browser makes. Cookies ignore the port (as in real
 * browsers), so one jar serves every server of the site like one site.
 */
export class Browser {
  private jar = new Map<string, string>();

  constructor(private readonly site: Site) {}

  /** A second tab with the same cookies, that from now on keeps its own. */
  fork(): Browser {
    const copy = new Browser(this.site);
    copy.jar = new Map(this.jar);
    return copy;
  }

  hasCookie(name: string): boolean {
    return this.jar.has(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  get(pathname: string): Promise<Answer> {
    return this.send(pathname, { method: "GET" });
  }

  /** GETs a page and returns its form that has an input called `field`. */
  async formOn(pathname: string, field: string): Promise<Form> {
    const page = await this.get(pathname);
    const form = formsIn(page.text).find((candidate) => candidate.has(field));
    if (!form) throw new Error(`No form with a "${field}" field on ${pathname} (HTTP ${page.status}).`);
    return form;
  }

  /**
   * Submits a form the way a browser without JavaScript does: a multipart POST of every
   * rendered input and what the person typed, to the form's action (a form route), or to the
   * page itself for a server-action form (React's hidden `$ACTION_…` inputs name the action
   * and its previous state).
   */
  submitForm(pathname: string, form: Form, typed: Record<string, string>): Promise<Answer> {
    const body = new FormData();
    for (const [name, value] of form) body.append(name, typed[name] ?? value);
    for (const [name, value] of Object.entries(typed)) if (!form.has(name)) body.append(name, value);
    return this.send(form.action?.startsWith("/") ? form.action : pathname, { method: "POST", body }, outcomeOfPage);
  }

  /**
   * Posts a form to a form route the way its hydrated page does (components/ui/use-form-action.ts
   * useFormRoute): the fields URL-encoded by fetch, asking for the form state as JSON.
   */
  async fetchForm(pathname: string, fields: Record<string, string>): Promise<Answer & { result: RouteResult | null }> {
    const body = new URLSearchParams(fields);
    const headers = { Accept: "application/json", "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors" };
    const answer = await this.send(pathname, { method: "POST", body, headers }, (a) => routeResult(a.text)?.code ?? (routeResult(a.text)?.ok ? "ok" : `HTTP ${a.status}`));
    return { ...answer, result: routeResult(answer.text) };
  }

  /**
   * Calls a server action the way the React client does for a form it handles itself
   * (useActionState: the previous state, then the form's fields), encoded by React's own
   * encodeReply, with the action id in the `Next-Action` header.
   */
  async callAction(pathname: string, actionId: string, fields: Record<string, string>): Promise<Answer & { result: FormResult | null }> {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) formData.append(name, value);
    const body = await encodeReply([{}, formData]);
    const answer = await this.send(
      pathname,
      { method: "POST", body, headers: { "Next-Action": actionId, Accept: "text/x-component" } },
      (a) => actionResult(a.text)?.code ?? (actionResult(a.text)?.ok ? "ok" : `HTTP ${a.status}`),
    );
    return { ...answer, result: actionResult(answer.text) };
  }

  /** POSTs `body` as JSON, as fetch-based auth clients (Better Auth's) send it, with the jar's cookies. */
  postJson(pathname: string, body: unknown): Promise<Answer> {
    return this.send(pathname, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
  }

  private async send(pathname: string, init: RequestInit, outcome: (answer: Answer) => string = (a) => `HTTP ${a.status}`): Promise<Answer> {
    const origin = this.site.pick();
    const headers = new Headers(init.headers);
    headers.set("User-Agent", this.site.userAgent);
    if (!headers.has("Accept-Language")) headers.set("Accept-Language", "en-US,en;q=0.9");
    if (this.jar.size > 0) headers.set("Cookie", [...this.jar].map(([name, value]) => `${name}=${value}`).join("; "));
    // Browsers send Origin on every POST; Next refuses server actions whose Origin is another host.
    if (init.method === "POST") headers.set("Origin", origin);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(origin + pathname, { ...init, headers, redirect: "manual" });
      text = await response.text();
    } catch (error) {
      this.site.recording.add("no answer", `no answer: ${(error as Error).message}`, performance.now() - started);
      return { status: 0, location: null, text: "" };
    }
    this.keepCookies(response.headers.getSetCookie());
    const location = response.headers.get("location");
    const answer = {
      status: response.status,
      location: location && new URL(location, origin).pathname + new URL(location, origin).search,
      text,
      actionRedirect: response.headers.get("x-action-redirect")?.split(";")[0] ?? null,
    };
    this.site.recording.add(
      String(response.status),
      response.status >= 300 && response.status < 400 ? `→ ${answer.location ?? answer.actionRedirect}` : outcome(answer),
      performance.now() - started,
    );
    return answer;
  }

  private keepCookies(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const expired = attributes.some(
        (attribute) => /^max-age=0$/i.test(attribute) || (/^expires=/i.test(attribute) && Date.parse(attribute.slice(8)) <= Date.now()),
      );
      if (expired || value === "") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

/** A challenge answer that signed the person in: the action's redirect to /security. */
export const passedChallenge = (answer: Answer) => answer.status === 303 && (answer.location ?? "").startsWith("/security");

const decodeEntities = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeEntities(match[1]!) : undefined;
}

function formsIn(html: string): Form[] {
  return [...html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)].map(([, tag, inner]) => {
    const form: Form = new Map(
      [...inner!.matchAll(/<input\b[^>]*>/g)].flatMap(([input]) => {
        const name = attribute(input, "name");
        return name ? [[name, attribute(input, "value") ?? ""] as const] : [];
      }),
    );
    form.action = attribute(tag!, "action");
    return form;
  });
}

/**
 * The error code behind the message a re-rendered page shows in its alert, or that a form
 * route sent the browser back to its form with (`?failed=<code>`).
 */
export function outcomeOfPage(answer: Answer): string {
  const failed = answer.location && new URL(answer.location, "http://page.invalid").searchParams.get("failed");
  if (failed) return failed;
  const alert = /role="alert"[^>]*>([^<]*)/.exec(answer.text)?.[1];
  if (!alert) return `HTTP ${answer.status}, no alert`;
  const text = decodeEntities(alert);
  // The English words up to their first placeholder identify the code (messages/en/errors.json).
  const code = Object.entries(errorWords).find(([, words]) => text.startsWith(words.split("{")[0]!))?.[0];
  return code ?? text.slice(0, 60);
}

/**
 * The action's return value in a React Flight answer: row 0 is `{"a": <result>, …}`, where
 * the result is inline or a reference (`"$@1"`) to another row.
 */
function actionResult(flight: string): FormResult | null {
  const rows = new Map(
    flight.split("\n").flatMap((line) => {
      const match = /^([0-9a-f]+):(.*)$/.exec(line);
      return match ? [[match[1]!, match[2]!] as const] : [];
    }),
  );
  try {
    const result = (JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null)?.a;
    if (typeof result === "string" && result.startsWith("$@")) return JSON.parse(rows.get(result.slice(2)) ?? "null") as FormResult;
    return (result as FormResult | undefined) ?? null;
  } catch {
    return null;
  }
}

/**
 * The ids of the server actions a page's JavaScript can call, by export name, read from its
 * script chunks as an attacker would (`createServerReference("<id>", …, "<name>")`).
 */
export async function actionIdsOn(browser: Browser, pathname: string): Promise<Map<string, string>> {
  const page = await browser.get(pathname);
  const scripts = [...new Set([...page.text.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map(([, src]) => src!))];
  const ids = new Map<string, string>();
  for (const src of scripts) {
    const chunk = await browser.get(src);
    for (const [, id, name] of chunk.text.matchAll(/createServerReference\)\("([0-9a-f]+)",[^;]*?"(\w+)"\)/g)) ids.set(name!, id!);
  }
  return ids;
}
