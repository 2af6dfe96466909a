import { describe, expect, it } from "vitest";
import { enrolmentChoices, verifyReason } from "./choices";

describe("the enrolment page's choices", () => {
  it("offers a phone only where phones count and can be reached", () => {
    expect(enrolmentChoices({ secureMethodsOnly: false }, null, true).methods).toEqual(["totp", "webauthn", "phone"]);
    expect(enrolmentChoices({ secureMethodsOnly: true }, null, true).methods).toEqual(["totp", "webauthn"]);
    expect(enrolmentChoices({ secureMethodsOnly: false }, null, false).methods).toEqual(["totp", "webauthn"]);
  });

  it("preselects the method used before, when it is offered; else the app", () => {
    expect(enrolmentChoices({ secureMethodsOnly: false }, "webauthn", true).preselected).toBe("webauthn");
    expect(enrolmentChoices({ secureMethodsOnly: false }, "voice", true).preselected).toBe("phone");
    expect(enrolmentChoices({ secureMethodsOnly: false }, "sms", true).preselected).toBe("phone");
    expect(enrolmentChoices({ secureMethodsOnly: true }, "sms", true).preselected).toBe("totp");
    expect(enrolmentChoices({ secureMethodsOnly: false }, null, true).preselected).toBe("totp");
  });
});

describe("why the verification page asks", () => {
  const at = new Date();
  it("a phone that does not count, else the level that applies", () => {
    expect(verifyReason({ secureMethodsOnly: true, requiredLevel: "once_per_computer" }, "disabled", { factorVerifiedAt: at, factorMethod: "sms" })).toBe("secureOnly");
    // A browser a text trusted is a phone's proof too.
    expect(verifyReason({ secureMethodsOnly: true, requiredLevel: "once_per_computer" }, "disabled", { factorVerifiedAt: at, factorMethod: "trusted_computer_phone" })).toBe("secureOnly");
    expect(verifyReason({ secureMethodsOnly: false, requiredLevel: "every_login" }, "disabled", { factorVerifiedAt: at, factorMethod: "trusted_computer" })).toBe("everyLogin");
    expect(verifyReason({ secureMethodsOnly: false, requiredLevel: "once_per_computer" }, "every_login", { factorVerifiedAt: null, factorMethod: null })).toBe("everyLogin");
    expect(verifyReason({ secureMethodsOnly: true, requiredLevel: "once_per_computer" }, "once_per_computer", { factorVerifiedAt: null, factorMethod: null })).toBe("oncePerComputer");
  });
});
