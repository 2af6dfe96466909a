import { UAParser } from "ua-parser-js";

/** A translator whose namespace has device.browserOnOs and device.unknownBrowser (security, email). */
export type DeviceTranslator = (key: "device.browserOnOs" | "device.unknownBrowser", values?: { browser: string; os: string }) => string;

/**
 * "Chrome on Linux", "Chrome（Linux）", "Chrome unter Linux": a browser in the reader's words,
 * for session lists, the security log and the new-sign-in email. Browser and system names are
 * the products' own and stay as they are.
 */
export function describeDevice(t: DeviceTranslator, userAgent: string | null): string {
  const { browser, os } = UAParser(userAgent ?? "");
  if (!browser.name) return t("device.unknownBrowser");
  return os.name ? t("device.browserOnOs", { browser: browser.name, os: os.name }) : browser.name;
}
