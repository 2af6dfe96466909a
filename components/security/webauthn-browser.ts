"use client";

/**
 * The browser's side of security keys, shared by the security page's card and the challenge.
 * @simplewebauthn/browser is loaded on first use, so a page pays for it only when someone
 * presses a key button (the sign-in pages' first load stays as light as it was).
 */
export const loadWebAuthnBrowser = () => import("@simplewebauthn/browser");

export const browserCanUseKeys = () => typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";

/** keys.browser.* */
export type BrowserErrorKey = "cancelled" | "timedOut" | "alreadyRegistered" | "unsupported" | "wrongAddress" | "failed";

/**
 * Why the browser's prompt ended without an answer, in words a person can act on. Browsers
 * report a cancelled prompt and one that timed out alike (NotAllowedError, so as not to tell a
 * site whether a key exists): a prompt that ran to its timeout is the latter.
 */
export function browserErrorKey(error: unknown, waitedMs: number, timeoutMs: number | undefined): BrowserErrorKey {
  const name = error instanceof Error ? error.name : "";
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") return "alreadyRegistered";
  if (name === "NotAllowedError") return timeoutMs && waitedMs >= timeoutMs - 2_000 ? "timedOut" : "cancelled";
  if (name === "AbortError") return "cancelled";
  if (name === "SecurityError" || code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID") return "wrongAddress";
  if (name === "NotSupportedError" || !browserCanUseKeys()) return "unsupported";
  return "failed";
}
