import { describe, expect, it } from "vitest";
import { describeDevice, parseDevice } from "./user-agent";

const CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
const t = (key: "device.browserOnOs" | "device.unknownBrowser", values?: { browser: string; os: string }) =>
  key === "device.browserOnOs" ? `${values!.browser} on ${values!.os}` : "Unknown browser";

describe("parseDevice", () => {
  it("names the browser and the system an agent names", () => {
    expect(parseDevice(CHROME_ON_WINDOWS)).toEqual({ browserName: "Chrome", osName: "Windows" });
  });

  it("has null for what an agent does not name, and for no agent", () => {
    expect(parseDevice("tessera-bench")).toEqual({ browserName: null, osName: null });
    expect(parseDevice(null)).toEqual({ browserName: null, osName: null });
    expect(parseDevice("")).toEqual({ browserName: null, osName: null });
  });
});

describe("describeDevice", () => {
  it("takes the names stored with the row, without parsing the agent again", () => {
    expect(describeDevice(t, { userAgent: CHROME_ON_WINDOWS, browserName: "Firefox", osName: "Linux" })).toBe("Firefox on Linux");
    expect(describeDevice(t, { userAgent: CHROME_ON_WINDOWS, browserName: "Firefox", osName: null })).toBe("Firefox");
  });

  it("parses the agent of a row stored before the names were kept", () => {
    expect(describeDevice(t, { userAgent: CHROME_ON_WINDOWS, browserName: null, osName: null })).toBe("Chrome on Windows");
    expect(describeDevice(t, { userAgent: CHROME_ON_WINDOWS })).toBe("Chrome on Windows");
  });

  it("says so when no browser is known", () => {
    expect(describeDevice(t, { userAgent: null, browserName: null, osName: null })).toBe("Unknown browser");
    expect(describeDevice(t, { userAgent: "tessera-bench" })).toBe("Unknown browser");
  });
});
