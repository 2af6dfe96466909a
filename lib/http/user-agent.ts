import { UAParser } from "ua-parser-js";

/** A translator whose namespace has device.browserOnOs and device.unknownBrowser (security, email). */
export type DeviceTranslator = (key: "device.browserOnOs" | "device.unknownBrowser", values?: { browser: string; os: string }) => string;

/** The browser and system a User-Agent names ("Chrome", "Windows"); null where it names none. */
export type DeviceNames = { browserName: string | null; osName: string | null };

// Parsing runs a few hundred regular expressions. Rows keep the names from when they were
// written (parseDevice); rows from before that, and agents that name no browser, are parsed
// when read, which this cache keeps to once per agent. Bounded: agents are the client's to choose.
const parsed = new Map<string, DeviceNames>();
const PARSED_KEPT = 500;

/** The names to store beside a User-Agent (Session, AuditEvent), so pages never parse it again. */
export function parseDevice(userAgent: string | null | undefined): DeviceNames {
  if (!userAgent) return { browserName: null, osName: null };
  let names = parsed.get(userAgent);
  if (!names) {
    const { browser, os } = UAParser(userAgent);
    names = { browserName: browser.name ?? null, osName: os.name ?? null };
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(userAgent, names);
  }
  return names;
}

/**
 * "Chrome on Linux", "Chrome（Linux）", "Chrome unter Linux": a browser in the reader's words,
 * for session lists, the security log and the new-sign-in email. Browser and system names are
 * the products' own and stay as they are. Takes the stored names, else parses the agent.
 */
export function describeDevice(t: DeviceTranslator, seen: { userAgent: string | null } & Partial<DeviceNames>): string {
  const { browserName, osName } = seen.browserName ? (seen as DeviceNames) : parseDevice(seen.userAgent);
  if (!browserName) return t("device.unknownBrowser");
  return osName ? t("device.browserOnOs", { browser: browserName, os: osName }) : browserName;
}
