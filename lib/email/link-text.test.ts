import { describe, expect, it } from "vitest";
import { splitLinks } from "./link-text";

const links = (text: string) => splitLinks(text).flatMap((part) => (part.href ? [part.href] : []));

describe("splitLinks", () => {
  it("leaves a sentence's full stop out of the link", () => {
    expect(splitLinks("Open https://tessera.test/verify-email?token=abc-123.")).toEqual([
      { text: "Open " },
      { text: "https://tessera.test/verify-email?token=abc-123", href: "https://tessera.test/verify-email?token=abc-123" },
      { text: "." },
    ]);
  });

  it.each([
    ["See https://tessera.test/security, then sign in.", "https://tessera.test/security"],
    ["Really? https://tessera.test/a!", "https://tessera.test/a"],
    ['"https://tessera.test/q"', "https://tessera.test/q"],
    ["(see https://tessera.test/security)", "https://tessera.test/security"],
    ["https://tessera.test/wiki/Tessera_(app).", "https://tessera.test/wiki/Tessera_(app)"],
    ["https://tessera.test/a.b/c.html", "https://tessera.test/a.b/c.html"],
    ["http://localhost:3000/verify-email?token=x_y...", "http://localhost:3000/verify-email?token=x_y"],
  ])("%j links %j", (text, href) => {
    expect(links(text)).toEqual([href]);
  });

  it("keeps every character of the text, in order", () => {
    const text = "Hi Ada,\nopen https://a.test/x. Or https://b.test/y, (https://c.test/z).\nBye.";
    expect(splitLinks(text).map((part) => part.text).join("")).toBe(text);
    expect(links(text)).toEqual(["https://a.test/x", "https://b.test/y", "https://c.test/z"]);
  });

  it("returns text without links as one part", () => {
    expect(splitLinks("No links here.")).toEqual([{ text: "No links here." }]);
    expect(splitLinks("")).toEqual([]);
  });
});
