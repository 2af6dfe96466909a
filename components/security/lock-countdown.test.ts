import { describe, expect, it } from "vitest";
import { lockTimeLeft } from "./lock-countdown";

const until = "2030-01-01T12:15:00.000Z";
const at = (iso: string) => Date.parse(iso);

describe("lockTimeLeft", () => {
  it("counts whole minutes left, rounded up", () => {
    expect(lockTimeLeft(until, at("2030-01-01T12:00:00.000Z"))).toBe("Try again in 15 minutes.");
    expect(lockTimeLeft(until, at("2030-01-01T12:00:30.000Z"))).toBe("Try again in 15 minutes.");
    expect(lockTimeLeft(until, at("2030-01-01T12:01:00.000Z"))).toBe("Try again in 14 minutes.");
    expect(lockTimeLeft(until, at("2030-01-01T12:13:00.001Z"))).toBe("Try again in 2 minutes.");
  });

  it("says 1 minute in the singular, never 0", () => {
    expect(lockTimeLeft(until, at("2030-01-01T12:14:59.999Z"))).toBe("Try again in 1 minute.");
    expect(lockTimeLeft(until, at("2030-01-01T12:14:00.000Z"))).toBe("Try again in 1 minute.");
  });

  it("is over at lockedUntil and after", () => {
    expect(lockTimeLeft(until, at(until))).toBeNull();
    expect(lockTimeLeft(until, at("2030-01-01T13:00:00.000Z"))).toBeNull();
  });
});
