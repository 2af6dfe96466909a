import { describe, expect, it } from "vitest";
import { isTwoFactorLevel, lowersLevel, meetsLevel, minimumLevelFor, needsChallenge, stricterLevel, TWO_FACTOR_LEVELS, type TwoFactorLevel } from "./levels";

describe("two-factor levels", () => {
  it("are ordered disabled < once per computer < every login", () => {
    expect(TWO_FACTOR_LEVELS).toEqual(["disabled", "once_per_computer", "every_login"]);
  });

  it.each([
    ["disabled", "disabled", "disabled"],
    ["disabled", "once_per_computer", "once_per_computer"],
    ["once_per_computer", "disabled", "once_per_computer"],
    ["once_per_computer", "every_login", "every_login"],
    ["every_login", "once_per_computer", "every_login"],
    ["every_login", "disabled", "every_login"],
  ] as const)("the stricter of %s and %s is %s, whichever comes first", (a, b, stricter) => {
    expect(stricterLevel(a, b)).toBe(stricter);
    expect(stricterLevel(b, a)).toBe(stricter);
  });

  it("a level meets every requirement at or below it", () => {
    expect(meetsLevel("every_login", "once_per_computer")).toBe(true);
    expect(meetsLevel("once_per_computer", "once_per_computer")).toBe(true);
    expect(meetsLevel("once_per_computer", "every_login")).toBe(false);
    expect(meetsLevel("disabled", "once_per_computer")).toBe(false);
    for (const level of TWO_FACTOR_LEVELS) expect(meetsLevel(level, "disabled")).toBe(true);
  });

  it("lowering is any step down, raising or keeping is not", () => {
    expect(lowersLevel("every_login", "once_per_computer")).toBe(true);
    expect(lowersLevel("once_per_computer", "disabled")).toBe(true);
    expect(lowersLevel("every_login", "disabled")).toBe(true);
    expect(lowersLevel("disabled", "every_login")).toBe(false);
    expect(lowersLevel("once_per_computer", "every_login")).toBe(false);
    expect(lowersLevel("every_login", "every_login")).toBe(false);
  });

  it("support staff may not go below once per computer; everyone else may choose Disabled", () => {
    expect(minimumLevelFor("support")).toBe("once_per_computer");
    expect(minimumLevelFor("support_admin")).toBe("once_per_computer");
    expect(minimumLevelFor("user")).toBe("disabled");
  });

  it("tells a level from anything else", () => {
    expect(isTwoFactorLevel("once_per_computer")).toBe(true);
    expect(isTwoFactorLevel("sometimes")).toBe(false);
    expect(isTwoFactorLevel(undefined)).toBe(false);
  });
});

describe("whether a sign-in with the right password is challenged", () => {
  const cases: [TwoFactorLevel, boolean, boolean][] = [
    ["disabled", false, false],
    ["disabled", true, false],
    ["once_per_computer", false, true],
    ["once_per_computer", true, false],
    ["every_login", false, true],
    // Every login ignores trust.
    ["every_login", true, true],
  ];
  it.each(cases)("at %s with a live trust %s: %s", (level, trusted, challenged) => {
    expect(needsChallenge(level, trusted)).toBe(challenged);
  });
});
