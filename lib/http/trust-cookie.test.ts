import { describe, expect, it } from "vitest";
import { trustCookieFrom, trustCookieName } from "./trust-cookie";

describe("the trusted-computer cookie in a request's headers", () => {
  it("is found among the others by its name (no __Host- prefix over plain http, as in tests)", () => {
    expect(trustCookieName()).toBe("tessera-trust");
    const headers = new Headers({ cookie: "tessera-device=abc; tessera-trust=tok.sig=; authjs.session-token=x" });
    expect(trustCookieFrom(headers)).toBe("tok.sig=");
  });

  it("is null when absent or empty, and a cookie whose name only ends the same is not it", () => {
    expect(trustCookieFrom(new Headers())).toBeNull();
    expect(trustCookieFrom(new Headers({ cookie: "tessera-trust=" }))).toBeNull();
    expect(trustCookieFrom(new Headers({ cookie: "x-tessera-trust=tok" }))).toBeNull();
  });
});
