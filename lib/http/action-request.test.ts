import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { checkActionRequest, isForeignOrigin } from "./action-request";

// The encoder the browser uses (React's encodeReply, as bundled by Next.js), so these bodies are
// exactly what a real client sends.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.edge") as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

const LIMIT = 1024;

async function actionRequest(args: unknown[], headers: Record<string, string> = {}): Promise<Request> {
  const body = await encodeReply(args);
  return new Request("http://tessera.test/sign-in", {
    method: "POST",
    headers: { host: "tessera.test", origin: "http://tessera.test", "next-action": "7f00aa", ...headers },
    body,
  });
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("checkActionRequest lets real form calls through", () => {
  it.each([
    ["a form action", () => [form({ email: "ada@example.com" })]],
    ["useActionState's (state, formData)", () => [{ message: undefined, ok: false, at: new Date(0), note: "$5 off" }, form({ code: "123456" })]],
    ["an action without arguments", () => []],
  ])("%s", async (_name, args) => {
    expect(await checkActionRequest(await actionRequest(args()), LIMIT)).toBeNull();
  });

  it("leaves GET requests and non-action POSTs alone", async () => {
    expect(await checkActionRequest(new Request("http://tessera.test/", { headers: { origin: "https://evil.test" } }))).toBeNull();
    const urlencoded = new Request("http://tessera.test/", {
      method: "POST",
      headers: { host: "tessera.test", "content-type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    expect(await checkActionRequest(urlencoded, LIMIT)).toBeNull();
  });
});

describe("checkActionRequest refuses", () => {
  it("a foreign Origin with 403, as Next.js's own CSRF check would have (with a 500)", async () => {
    for (const origin of ["https://evil.test", "null", "not a url", "http://tessera.test:8080"]) {
      expect(await checkActionRequest(await actionRequest([form({})], { origin }), LIMIT)).toMatchObject({ status: 403 });
    }
  });

  it("a body over the limit with 413, by Content-Length or by counting", async () => {
    const big = await actionRequest([form({ note: "x".repeat(LIMIT) })]);
    expect(await checkActionRequest(big, LIMIT)).toMatchObject({ status: 413 });

    // A streamed body states no length; it is counted as it arrives.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(256).fill(32));
      },
    });
    const chunked = new Request("http://tessera.test/", {
      method: "POST",
      headers: { host: "tessera.test", "next-action": "7f00aa", "content-type": "text/plain" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.headers.get("content-length")).toBeNull();
    expect(await checkActionRequest(chunked, LIMIT)).toMatchObject({ status: 413 });
  });

  it.each([
    ["JSON arguments instead of a FormData", () => [{ email: "ada@example.com", password: "x" }]],
    ["a string argument", () => ["ada@example.com"]],
    ["a FormData that is not last", () => [form({}), "extra"]],
    ["a reference to another part", () => [new Map([["a", 1]]), form({})]],
  ])("%s with 400", async (_name, args) => {
    expect(await checkActionRequest(await actionRequest(args()), LIMIT)).toMatchObject({ status: 400 });
  });

  it.each([
    ["text/plain", "{not json"],
    ["text/plain", '{"0":"$K1"}'],
    ["multipart/form-data; boundary=x", "--x\r\nnot a part"],
  ])("an undecodable %s body with 400", async (contentType, body) => {
    const request = new Request("http://tessera.test/", {
      method: "POST",
      headers: { host: "tessera.test", "next-action": "7f00aa", "content-type": contentType },
      body,
    });
    expect(await checkActionRequest(request, LIMIT)).toMatchObject({ status: 400 });
  });
});

describe("isForeignOrigin", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("compares with X-Forwarded-Host first, as Next.js does behind a proxy", () => {
    expect(isForeignOrigin(headers({ origin: "https://tessera.example", host: "127.0.0.1:3000", "x-forwarded-host": "tessera.example" }))).toBe(false);
    expect(isForeignOrigin(headers({ origin: "https://tessera.example", host: "tessera.example", "x-forwarded-host": "evil.test" }))).toBe(true);
  });

  it("lets a request without Origin through (no browser, so no victim's cookies)", () => {
    expect(isForeignOrigin(headers({ host: "tessera.example" }))).toBe(false);
  });
});
