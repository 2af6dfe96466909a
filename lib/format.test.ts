import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format";

const at = new Date("2030-03-05T14:03:00.000Z");

describe("formatDateTime", () => {
  it("defaults to UTC and names the zone", () => {
    expect(formatDateTime(at)).toBe("5 Mar 2030, 14:03 UTC");
  });

  it("shows the time in the zone it is given", () => {
    expect(formatDateTime(at, "Asia/Tokyo")).toBe("5 Mar 2030, 23:03 GMT+9");
    expect(formatDateTime(at, "America/New_York")).toMatch(/^5 Mar 2030, 09:03 (EST|GMT-5)$/);
  });

  it("keeps one formatter per zone and style rather than one per call", () => {
    const created: unknown[] = [];
    const Original = Intl.DateTimeFormat;
    const spy = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      created.push(args);
      return new Original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = spy;
    try {
      for (let i = 0; i < 50; i++) formatDateTime(at, "Pacific/Auckland");
      formatDateTime(at, "Pacific/Auckland", "date");
    } finally {
      Intl.DateTimeFormat = Original;
    }
    expect(created).toHaveLength(2);
  });

  it("formats a date alone", () => {
    expect(formatDateTime(at, "UTC", "date")).toBe("5 March 2030");
  });
});
