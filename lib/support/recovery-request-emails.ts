import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { notifyUser } from "@/lib/email/notify";
import { sendEmail } from "@/lib/email/send-email";
import type { EmailMessage } from "@/lib/email/templates";
import { recipientLocale } from "@/lib/i18n/locales";
import { localeForAddress } from "@/lib/email/recipient-locale";

type Person = { id: string; email: string; name: string | null; locale: string | null; browserLocale: string | null };
const personFields = { id: true, email: true, name: true, locale: true, browserLocale: true } as const;

/**
 * One email to an address the person gave support, in the person's language, without their name or a "This
 * wasn't me" link (the address is not proven to be theirs). A failure is logged and audited,
 * as notifyUser does, and the filing or decision stands.
 */
async function emailContact(person: Person | null, to: string, message: Omit<EmailMessage, "to" | "locale">) {
  try {
    const locale = person ? recipientLocale(person) : await localeForAddress(to);
    // Not greeted by the account's name: anyone can choose a name and type any address here, so
    // the name would carry a stranger's words into someone else's mailbox under our sender.
    await sendEmail({ ...message, to, locale, props: { ...message.props } } as EmailMessage);
  } catch (error) {
    console.error(`Could not send the ${message.template} email to a contact address:`, error);
    await db.$transaction((tx) =>
      recordAudit(tx, { type: "notification.failed", outcome: "failure", subjectId: person?.id ?? null, metadata: { template: message.template } }),
    );
  }
}

/** The confirmation of a filed recovery request: to the account's address, and to the contact address when it differs. */
export async function emailRecoveryRequestFiled(userId: string, contactEmail: string, filedAt: Date) {
  const person = await db.user.findUnique({ where: { id: userId }, select: personFields });
  if (!person) return;
  const props = { filedAt, contactEmail };
  await notifyUser(userId, { template: "recovery-request-filed", props });
  if (contactEmail !== person.email) await emailContact(person, contactEmail, { template: "recovery-request-filed", props });
}

/** A decision on a case, to its contact address, in the person's language (English when the account is gone). */
export async function emailCaseDecision(supportCase: { userId: string | null; contactEmail: string; kind: "recovery_request" | "not_me_report" }, decision: "approved" | "refused", note: string) {
  const person = supportCase.userId ? await db.user.findUnique({ where: { id: supportCase.userId }, select: personFields }) : null;
  await emailContact(person, supportCase.contactEmail, { template: "support-case-decided", props: { kind: supportCase.kind, decision, note } });
}
