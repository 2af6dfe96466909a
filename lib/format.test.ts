import { describe, expect, it } from "vitest";
import { formatDateTime, timeAgo } from "./format";

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

describe("formatDateTime in the viewer's language", () => {
  it("uses each language's own conventions, still naming the zone", () => {
    expect(formatDateTime(at, "Asia/Tokyo", "datetime", "ja")).toBe("2030年3月5日 23:03 JST");
    expect(formatDateTime(at, "Europe/Berlin", "datetime", "de")).toBe("5. März 2030, 15:03 MEZ");
    expect(formatDateTime(at, "UTC", "date", "de")).toBe("5. März 2030");
    expect(formatDateTime(at, "UTC", "date", "ja")).toBe("2030年3月5日");
  });
});

describe("timeAgo", () => {
  const now = new Date("2030-03-05T14:03:00.000Z");
  it("says how long ago in the viewer's language", () => {
    expect(timeAgo(new Date("2030-03-05T13:58:00.000Z"), "en", now)).toBe("5 minutes ago");
    expect(timeAgo(new Date("2030-03-05T13:58:00.000Z"), "de", now)).toBe("vor 5 Minuten");
    expect(timeAgo(new Date("2030-03-04T14:03:00.000Z"), "ja", now)).toBe("昨日");
  });
  it("leaves under a minute to the caller's words", () => {
    expect(timeAgo(new Date("2030-03-05T14:02:30.000Z"), "en", now)).toBeNull();
  });
});
