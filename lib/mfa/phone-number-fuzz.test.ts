import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePhoneNumber } from "./phone-number";

/** Rule 9: no typed number makes the parser throw. */
describe("parsePhoneNumber on hostile input", () => {
  it("never throws", () => {
    const odd = ["+0", "+", "++81", "+81\u0000", "＋８１ ９０ １２３４ ５６７８", "+1 ext 5", "+1 415 555 2671;ext=9999999999", "+99999999999999999999", "+٨١٩٠١٢٣٤٥٦٧٨", "㍱㍱㍱", "\u202e+81", "+81 90 1234 5678 ﷽", "+".padEnd(200, "9")];
    for (const input of odd) expect(() => parsePhoneNumber(input, "sms")).not.toThrow();
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: "binary" }), (s) => { parsePhoneNumber(s, "voice"); parsePhoneNumber(`+${s}`, "sms"); }), { numRuns: 3000 });
  });
  it("keeps extensions out of what is dialled", () => {
    const parsed = parsePhoneNumber("+1 415 555 2671 ext. 1234", "voice");
    if (parsed.ok) expect(parsed.phone.e164).toBe("+14155552671");
  });
});
