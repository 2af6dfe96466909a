/**
 * Checks a server action request before Next.js handles it, because Next answers every protocol
 * fault here with a 500: a foreign Origin (its CSRF check), a body over the limit, and arguments
 * the action cannot take. We answer 403, 413 and 400 instead, with no stack trace.
 *
 * How Next.js sends a call (React's encodeReply): a `Next-Action` header naming the action and a
 * body that is either `text/plain` JSON of the argument array (when every argument is plain
 * JSON) or `multipart/form-data` whose field "0" holds that array (when one is a FormData,
 * written as "$K<hex id>"). Every Tessera action is a form action taking a FormData last, or
 * takes no argument at all; so a call is well formed only with no arguments, or with a FormData
 * last and plain values (the form's previous state) before it.
 */

/** Server actions accept at most this many bytes (next.config.ts passes it to Next.js too). */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type ActionRejection = { status: 400 | 403 | 413; message: string };

const rejection = {
  origin: { status: 403, message: "Cross-origin request refused." },
  size: { status: 413, message: "Request body too large." },
  arguments: { status: 400, message: "Malformed request." },
} satisfies Record<string, ActionRejection>;

/**
 * Next.js compares Origin with X-Forwarded-Host, else Host. A missing Origin passes as it does
 * there: browsers always send one on POST, so a request without it carries no victim's cookies.
 */
export function isForeignOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return origin === "null" || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The body, or null once it passes `limit` bytes (read no further). */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

// Plain values React writes inline ("$$" escapes a string starting with "$"). Anything else
// beginning with "$" is a reference to another part, which no form call sends.
const INLINE = /^\$(\$|undefined$|NaN$|-?Infinity$|-0$|D|n-?\d+$)/;
const FORM_DATA = /^\$K[0-9a-f]+$/;

function isPlain(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || INLINE.test(value);
  if (Array.isArray(value)) return value.every(isPlain);
  if (value && typeof value === "object") return Object.values(value).every(isPlain);
  return true;
}

/** True for `[]` or `[...plain values, FormData]`. */
export function isFormCall(args: unknown): boolean {
  if (!Array.isArray(args)) return false;
  if (args.length === 0) return true;
  const last = args.at(-1);
  return typeof last === "string" && FORM_DATA.test(last) && args.slice(0, -1).every(isPlain);
}

async function callArguments(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<unknown> {
  try {
    if (!contentType.startsWith("multipart/form-data")) return JSON.parse(new TextDecoder().decode(body));
    const root = (await new Response(body, { headers: { "content-type": contentType } }).formData()).get("0");
    return typeof root === "string" ? JSON.parse(root) : null;
  } catch {
    return null;
  }
}

/** Why a request to a page must not reach Next's action handler, or null when it may. */
export async function checkActionRequest(request: Request, limit = ACTION_BODY_LIMIT_BYTES): Promise<ActionRejection | null> {
  if (request.method !== "POST") return null;
  const actionId = request.headers.get("next-action");
  const contentType = request.headers.get("content-type") ?? "";
  // A multipart POST without the header may be a form posted before JavaScript loaded.
  if (actionId === null && !contentType.startsWith("multipart/form-data")) return null;

  if (isForeignOrigin(request.headers)) return rejection.origin;
  if (Number(request.headers.get("content-length")) > limit) return rejection.size;
  // Chunked bodies state no length: count what arrives.
  const body = await readBody(request, limit);
  if (body === null) return rejection.size;
  // Next decodes a no-JavaScript form post itself, into the one FormData the action receives.
  if (actionId === null) return null;
  return isFormCall(await callArguments(body, contentType)) ? null : rejection.arguments;
}
