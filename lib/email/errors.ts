export type EmailErrorCode = "EMAIL_INVALID_RECIPIENT" | "EMAIL_DELIVERY_FAILED";

/**
 * Thrown when an email cannot be accepted or delivered. Callers decide whether that aborts the
 * surrounding action; the message is for logs, not for the browser.
 */
export class EmailError extends Error {
  name = "EmailError";

  constructor(
    readonly code: EmailErrorCode,
    message: string,
    /** The provider's answer, when there was one: HTTP status (null if unreachable) and its error name. */
    readonly provider?: { status: number | null; name: string },
  ) {
    super(message);
  }
}
