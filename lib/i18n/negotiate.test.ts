import { describe, expect, it } from "vitest";
import { localeFromHeaders, negotiateLocale } from "./negotiate";

describe("the viewer's language", () => {
  it("takes the best of ours from Accept-Language, regions included", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("ja-JP")).toBe("ja");
    expect(negotiateLocale("fr-FR, ja;q=0.5, en;q=0.4")).toBe("ja");
    expect(negotiateLocale("en-US,en;q=0.9")).toBe("en");
  });

  it("has none for a browser asking only for languages we do not speak, or for nothing", () => {
    expect(negotiateLocale("fr-FR,fr;q=0.9")).toBeNull();
    expect(negotiateLocale("")).toBeNull();
    expect(negotiateLocale(null)).toBeNull();
  });

  it("prefers the public switcher's cookie, and ignores a cookie naming no language of ours", () => {
    expect(localeFromHeaders(new Headers({ cookie: "a=b; tessera-locale=ja", "accept-language": "de" }))).toBe("ja");
    expect(localeFromHeaders(new Headers({ cookie: "tessera-locale=xx", "accept-language": "de-DE" }))).toBe("de");
    expect(localeFromHeaders(new Headers({ cookie: "not-tessera-locale=ja" }))).toBeNull();
  });
});
