import { describe, expect, it } from "vitest";
import { avatarInitials } from "./account-menu";

describe("avatarInitials", () => {
  it("takes the first letters of the first two names", () => {
    expect(avatarInitials("Ada Lovelace")).toBe("AL");
    expect(avatarInitials("jürgen  müller")).toBe("JM");
    expect(avatarInitials("Robin")).toBe("R");
  });

  it("takes only the family name's first character for Japanese, Chinese and Korean names", () => {
    expect(avatarInitials("山田 花子")).toBe("山");
    expect(avatarInitials("すずき いちろう")).toBe("す");
    expect(avatarInitials("김 민준")).toBe("김");
  });

  it("never cuts a character in half, and has something for an empty name", () => {
    expect(avatarInitials("𠮷野 家")).toBe("𠮷");
    expect(avatarInitials("  ")).toBe("?");
  });
});
