import { describe, expect, it } from "vitest";
import { orderOptions } from "./challenge-options";

const at = new Date(Date.UTC(2026, 0, 1));
const factor = (id: string, type: "totp" | "sms" | "voice" | "webauthn", extra: { name?: string; phoneHint?: string; fallback?: boolean } = {}) => ({
  id,
  type,
  name: extra.name ?? null,
  phoneHint: extra.phoneHint ?? null,
  fallback: extra.fallback ?? false,
  createdAt: at,
});
const keys = (options: ReturnType<typeof orderOptions>) => options.map((option) => option.key);

describe("challenge options", () => {
  const app = factor("a", "totp");
  const yubi = factor("k1", "webauthn", { name: "YubiKey" });
  const laptop = factor("k2", "webauthn", { name: "Laptop" });
  const phone = factor("p", "sms", { phoneHint: "•• 34" });
  const backup = factor("f", "voice", { phoneHint: "•• 99", fallback: true });

  it("puts the strongest first when nothing is preferred: keys, app, phone, fallback, recovery code", () => {
    expect(keys(orderOptions([backup, phone, app, yubi, laptop], null, "sign_in", true))).toEqual(["webauthn", "totp", "phone:p", "phone:f", "recovery_code"]);
  });

  it("puts the preferred factor first; any of several keys makes the keys preferred", () => {
    expect(keys(orderOptions([app, yubi, phone], "p", "sign_in", true))[0]).toBe("phone:p");
    expect(keys(orderOptions([app, yubi, laptop], "k2", "sign_in", false))).toEqual(["webauthn", "totp", "recovery_code"]);
    expect(orderOptions([app, yubi, laptop], null, "sign_in", true)[0]).toEqual({ key: "webauthn", method: "webauthn", names: ["YubiKey", "Laptop"] });
  });

  it("never offers a fallback number first, even when it was preferred", () => {
    expect(keys(orderOptions([backup, app], "f", "sign_in", true))).toEqual(["totp", "phone:f", "recovery_code"]);
  });

  it("leaves phones out of sudo beside an app or a key (rule 6), keeps them when they are all there is", () => {
    expect(keys(orderOptions([app, phone, backup], "p", "sudo", true))).toEqual(["totp", "recovery_code"]);
    expect(keys(orderOptions([phone, backup], "p", "sudo", true))).toEqual(["phone:p", "phone:f", "recovery_code"]);
  });

  it("masks numbers as stored and keeps the usual channel", () => {
    expect(orderOptions([backup], null, "sign_in", false)[0]).toEqual({ key: "phone:f", method: "voice", factorId: "f", hint: "•• 99", fallback: true });
  });

  it("offers nothing without factors or codes", () => {
    expect(orderOptions([], null, "sign_in", false)).toEqual([]);
  });
});
