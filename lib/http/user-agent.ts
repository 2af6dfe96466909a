import { UAParser } from "ua-parser-js";

/** "Chrome on Linux" style description of a user agent, for session lists. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const { browser, os } = UAParser(userAgent);
  const name = browser.name ?? "Unknown browser";
  return os.name ? `${name} on ${os.name}` : name;
}
