import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const FALLBACK = "/security";

describe("safeRedirectPath", () => {
  it.each(["/", "/account", "/projects/p1/settings", "/security?tab=codes", "/security#recovery", "/a/b?x=1&y=2#z"])(
    "keeps the same-origin path %s",
    (path) => {
      expect(safeRedirectPath(path)).toBe(path);
    },
  );

  it.each([
    "https://evil.example",
    "http://evil.example/security",
    "//evil.example",
    "//evil.example/security",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil",
    "account",
    "",
  ])("falls back for %j", (value) => {
    expect(safeRedirectPath(value)).toBe(FALLBACK);
  });

  it.each([undefined, null, 42, {}, ["/account"], new URL("https://evil.example")])("falls back for the non-string %j", (value) => {
    expect(safeRedirectPath(value)).toBe(FALLBACK);
  });

  it("uses the caller's fallback", () => {
    expect(safeRedirectPath("//evil.example", "/account")).toBe("/account");
  });

  it.each(["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/./\t/evil.example"])(
    "dot segments in %j cannot turn the path into a protocol-relative //host",
    (value) => {
      expect(safeRedirectPath(value)).not.toMatch(/^\/\//);
    },
  );

  it("always returns a path on this origin: starts with / and never with //", () => {
    // Shapes that matter to URL parsing, so the generator reaches the tricky cases quickly:
    // raw strings, full URLs, loose pieces, and paths built from (dot, empty, host-like) segments.
    const piece = fc.constantFrom("/", "//", "\\", ".", "..", "%2e", "%2f", "\t", "\n", ":", "@", "?", "#", "evil.example", "javascript:", "https:");
    const segment = fc.oneof(fc.constantFrom("", ".", "..", "%2e", ".%2E", "\t", "evil.example", "a"), fc.string({ maxLength: 3 }));
    const input = fc.oneof(
      fc.string(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((pieces) => pieces.join("")),
      fc.array(segment, { maxLength: 5 }).map((segments) => `/${segments.join("/")}`),
    );
    fc.assert(
      fc.property(input, (value) => {
        const result = safeRedirectPath(value);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});
