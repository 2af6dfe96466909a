import { describe, expect, it } from "vitest";
import { browserErrorKey } from "./webauthn-browser";

const domError = (name: string, extra: object = {}) => Object.assign(new Error("x"), { name }, extra);

describe("browserErrorKey", () => {
  it("tells a closed prompt from one that ran out of time", () => {
    expect(browserErrorKey(domError("NotAllowedError"), 4_000, 300_000)).toBe("cancelled");
    expect(browserErrorKey(domError("NotAllowedError"), 299_500, 300_000)).toBe("timedOut");
    expect(browserErrorKey(domError("AbortError"), 10, 300_000)).toBe("cancelled");
  });

  it("names a key that is already registered, a wrong address, and everything else", () => {
    expect(browserErrorKey(domError("InvalidStateError", { code: "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" }), 10, 1)).toBe("alreadyRegistered");
    expect(browserErrorKey(domError("SecurityError"), 10, 1)).toBe("wrongAddress");
    expect(browserErrorKey(domError("NotSupportedError"), 10, 1)).toBe("unsupported");
    // Outside a browser (here: Node) there is no PublicKeyCredential at all.
    expect(browserErrorKey(new Error("WebAuthn is not supported in this browser"), 10, 1)).toBe("unsupported");
  });
});
