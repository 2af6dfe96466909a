import { describe, expect, it } from "vitest";
import { recipientLocale } from "./locales";

describe("the language of emails", () => {
  it("writes to a person in their choice, else their browser's language at last sign-in, else English", () => {
    expect(recipientLocale({ locale: "de", browserLocale: "ja" })).toBe("de");
    expect(recipientLocale({ locale: null, browserLocale: "ja" })).toBe("ja");
    expect(recipientLocale({ locale: null, browserLocale: null })).toBe("en");
    expect(recipientLocale({ locale: "xx", browserLocale: "yy" })).toBe("en");
  });
});
