import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { issueNotMeLink } from "@/lib/auth/not-me-link";
import { recipientLocale } from "@/lib/i18n/locales";
import { sendEmail } from "./send-email";
import type { EmailMessage } from "./templates";

type Notification = { [M in EmailMessage as M["template"]]: Omit<M, "to" | "locale" | "notMeLink"> }[EmailMessage["template"]];

/** Emails notifyUser sends that report no event on the account, so "This wasn't me" means nothing there. */
const NOT_AN_EVENT: ReadonlySet<EmailMessage["template"]> = new Set([
  "recovery-reminder",
  "project-reminder",
  "project-membership-changed",
  "project-policy-required",
  "project-grace-last-day",
]);

/**
 * Emails the person about a change to their account, in their language (recipientLocale). A
 * failure to send is not silent: it is logged and written to the audit log, and the change
 * itself stands.
 *
 * Every such notice carries its own "This wasn't me" link (lib/auth/not-me-link.ts); when the
 * link cannot be made, the notice still goes out, with the usual advice instead.
 *
 * `to` overrides the address, e.g. to tell the old address about an email change.
 */
export async function notifyUser(userId: string, notification: Notification, to?: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, locale: true, browserLocale: true } });
  if (!user) return;
  const address = to ?? user.email;
  try {
    const props = { name: user.name, ...("props" in notification ? notification.props : {}) };
    const notMeLink = NOT_AN_EVENT.has(notification.template) ? undefined : await notMeLinkFor(userId, address);
    await sendEmail({ ...notification, props, to: address, locale: recipientLocale(user), notMeLink } as EmailMessage);
  } catch (error) {
    console.error(`Could not send the ${notification.template} email:`, error);
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "notification.failed", outcome: "failure", subjectId: userId, metadata: { template: notification.template } }),
    );
  }
}

async function notMeLinkFor(userId: string, address: string): Promise<string | undefined> {
  try {
    return await issueNotMeLink(userId, address);
  } catch (error) {
    console.error("Could not make the \"This wasn't me\" link of a security email; it leaves without one:", error);
    return undefined;
  }
}
