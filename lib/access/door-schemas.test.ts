import { describe, expect, it } from "vitest";
import { doorCheckInput } from "./door-schemas";

const doorId = "0b5f1c2e-4d6a-4b8c-9e0f-1a2b3c4d5e6f";

describe("doorCheckInput", () => {
  it("takes the card as whole numbers, typed (full-width digits too) or sent as JSON numbers", () => {
    expect(doorCheckInput.parse({ doorId, facilityCode: "１２", cardNumber: " 345 ", code: "" })).toEqual({ doorId, facilityCode: 12, cardNumber: 345, code: null });
    expect(doorCheckInput.parse({ doorId, facilityCode: 0, cardNumber: 2_147_483_647 })).toMatchObject({ facilityCode: 0, cardNumber: 2_147_483_647 });
  });

  it("refuses a missing or non-numeric card instead of reading it as card 0:0 or 1:0 (null, blank, booleans, arrays, exponents, hex)", () => {
    for (const value of [null, "", "  ", true, false, [], [7], {}, "1e3", "0x10", "-1", -1, 1.5, 65_536, "١٢"]) {
      expect(doorCheckInput.safeParse({ doorId, facilityCode: value, cardNumber: 5 }).success, `facilityCode ${JSON.stringify(value)}`).toBe(false);
      expect(doorCheckInput.safeParse({ doorId, facilityCode: 5, cardNumber: value === 65_536 ? 2_147_483_648 : value }).success, `cardNumber ${JSON.stringify(value)}`).toBe(false);
    }
  });
});
