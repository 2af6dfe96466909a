import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesByLocale } from "@/lib/i18n/messages";
import { lockMinutesLeft } from "./lock-countdown";

const until = "2030-01-01T12:15:00.000Z";
const at = (iso: string) => Date.parse(iso);

describe("lockMinutesLeft", () => {
  it("counts whole minutes left, rounded up", () => {
    expect(lockMinutesLeft(until, at("2030-01-01T12:00:00.000Z"))).toBe(15);
    expect(lockMinutesLeft(until, at("2030-01-01T12:00:30.000Z"))).toBe(15);
    expect(lockMinutesLeft(until, at("2030-01-01T12:01:00.000Z"))).toBe(14);
    expect(lockMinutesLeft(until, at("2030-01-01T12:13:00.001Z"))).toBe(2);
  });

  it("says 1 minute, never 0", () => {
    expect(lockMinutesLeft(until, at("2030-01-01T12:14:59.999Z"))).toBe(1);
    expect(lockMinutesLeft(until, at("2030-01-01T12:14:00.000Z"))).toBe(1);
  });

  it("is over at lockedUntil and after", () => {
    expect(lockMinutesLeft(until, at(until))).toBeNull();
    expect(lockMinutesLeft(until, at("2030-01-01T13:00:00.000Z"))).toBeNull();
  });
});

describe("the words for the minutes left", () => {
  const say = (locale: "en" | "ja" | "de", minutes: number) =>
    createTranslator({ locale, messages: messagesByLocale[locale], namespace: "security.lock" })("tryAgain", { minutes });

  it("agree with the number in each language", () => {
    expect(say("en", 15)).toBe("Try again in 15 minutes.");
    expect(say("en", 1)).toBe("Try again in 1 minute.");
    expect(say("de", 1)).toBe("Versuchen Sie es in 1 Minute erneut.");
    expect(say("de", 14)).toBe("Versuchen Sie es in 14 Minuten erneut.");
    expect(say("ja", 14)).toBe("14分後にもう一度お試しください。");
  });
});
