/**
 * Reading a request's JSON body within a limit, without trusting Content-Length: the stream is
 * read chunk by chunk and abandoned past the limit, so a client cannot make the server buffer
 * more than 1 MB by lying about (or omitting) the length.
 */
export const API_BODY_MAX_BYTES = 1_048_576;

export type BodyRead = { kind: "json"; value: unknown } | { kind: "refused"; code: "payload_too_large" | "unsupported_media_type" | "invalid_json" | "invalid_input" };

export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const type = header.split(";")[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export async function readJsonBody(request: Request, limit = API_BODY_MAX_BYTES): Promise<BodyRead> {
  if (!isJsonContentType(request.headers.get("content-type"))) return { kind: "refused", code: "unsupported_media_type" };
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return { kind: "refused", code: "payload_too_large" };
  if (!request.body) return { kind: "refused", code: "invalid_json" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { kind: "refused", code: "payload_too_large" };
    }
    chunks.push(value);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { kind: "refused", code: "invalid_json" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "refused", code: "invalid_json" };
  }
  // No field of ours holds a NUL, and PostgreSQL's text refuses one (a 500 if it got that far).
  return text.includes("\\u0000") || text.includes("\u0000") ? { kind: "refused", code: "invalid_input" } : { kind: "json", value };
}
