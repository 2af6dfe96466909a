import { UAParser } from "ua-parser-js";

type DeviceTranslator = (key: "device.browserOnOs" | "device.unknownBrowser", values?: { browser: string; os: string }) => string;

/**
 * "Chrome on Linux", "Chrome（Linux）", "Chrome unter Linux": a session's or event's browser in
 * the viewer's words. `t` is the security namespace's translator. Browser and system names are
 * the products' own and stay as they are.
 */
export function describeDevice(t: DeviceTranslator, userAgent: string | null): string {
  const { browser, os } = UAParser(userAgent ?? "");
  if (!browser.name) return t("device.unknownBrowser");
  return os.name ? t("device.browserOnOs", { browser: browser.name, os: os.name }) : browser.name;
}
