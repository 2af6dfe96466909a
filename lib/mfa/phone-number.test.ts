import { describe, expect, it } from "vitest";
import { formatPhoneNumber, parsePhoneNumber } from "./phone-number";

describe("parsePhoneNumber", () => {
  it.each([
    ["+81 90-1234-5678", "+819012345678", "+81 90 1234 5678", "78"],
    ["+49 151 23456789", "+4915123456789", "+49 1512 3456789", "89"],
    ["+1 (415) 555-2671", "+14155552671", "+1 415 555 2671", "71"],
    ["  +81 (90) 1234 5678 ", "+819012345678", "+81 90 1234 5678", "78"],
    ["＋８１ ９０−１２３４−５６７８", "+819012345678", "+81 90 1234 5678", "78"],
    ["0049 151 23456789", "+4915123456789", "+49 1512 3456789", "89"],
    // Copied from the form's hint, whose examples do not wrap (no-break spaces and hyphens).
    ["+81\u00a090\u20111234\u20115678", "+819012345678", "+81 90 1234 5678", "78"],
  ])("normalises %j to E.164", (typed, e164, international, hint) => {
    expect(parsePhoneNumber(typed)).toMatchObject({ ok: true, phone: { e164, international, hint } });
    expect(parsePhoneNumber(typed, "sms")).toMatchObject({ ok: true, phone: { e164 } });
  });

  it.each(["090-1234-5678", "0151 23456789", "(415) 555-2671", "4155552671"])("refuses the national number %j, asking for the country code", (typed) => {
    expect(parsePhoneNumber(typed)).toEqual({ ok: false, problem: "validation.phoneCountryCode" });
  });

  it.each(["+49 1", "+81 90-1234", "+999 12345678", "+1 415 555 26710000", "+44 7700 900123", "+81 abc", "+".padEnd(60, "1")])("refuses %j as not a valid number", (typed) => {
    expect(parsePhoneNumber(typed)).toEqual({ ok: false, problem: "validation.phoneInvalid" });
  });

  it("asks for a number when there is none", () => {
    expect(parsePhoneNumber("   ")).toEqual({ ok: false, problem: "validation.enterPhone" });
  });

  it.each(["+1 900 555 0100", "+81 120-123-456", "+49 900 1234567"])("refuses %j: premium-rate, toll-free and similar numbers reach no person", (typed) => {
    expect(parsePhoneNumber(typed)).toEqual({ ok: false, problem: "validation.phoneNotPersonal" });
  });

  it("refuses a fixed line for text messages, accepts it for calls", () => {
    expect(parsePhoneNumber("+81 3-1234-5678", "sms")).toEqual({ ok: false, problem: "validation.phoneLandline" });
    expect(parsePhoneNumber("+81 3-1234-5678", "voice")).toMatchObject({ ok: true, phone: { e164: "+81312345678", type: "FIXED_LINE" } });
    // The North American plan does not tell mobiles from fixed lines: such a number may take texts.
    expect(parsePhoneNumber("+1 415 555 2671", "sms")).toMatchObject({ ok: true, phone: { type: "FIXED_LINE_OR_MOBILE" } });
  });
});

describe("formatPhoneNumber", () => {
  it("formats a stored E.164 number for people", () => {
    expect(formatPhoneNumber("+4915123456789")).toBe("+49 1512 3456789");
    expect(formatPhoneNumber("+819012345678")).toBe("+81 90 1234 5678");
  });
});
