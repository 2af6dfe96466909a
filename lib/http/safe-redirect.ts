const BASE = "http://tessera.invalid";

/** A same-origin path to go to after sign-in; anything else (other hosts, schemes, `//x`) gives the fallback. */
export function safeRedirectPath(value: unknown, fallback = "/security"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  try {
    const url = new URL(value, BASE);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Dot segments resolve only while parsing ("/.//evil" becomes "//evil"), so check the result too.
    return url.origin === BASE && !path.startsWith("//") ? path : fallback;
  } catch {
    return fallback;
  }
}
