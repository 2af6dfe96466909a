import { getTranslations } from "next-intl/server";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { db } from "@/lib/db";
import { supportPage } from "@/lib/support/support-access";
import { dualControlOn } from "@/lib/support/reset";
import { PersonActionForms } from "./resets/person-action-forms";

/** What the forms below read in the browser: their words, the sudo prompt's, the form messages. */
export const PERSON_ACTION_MESSAGES = ["supportResets", "security.sudo", "security.lock", "keys.challenge", "keys.browser", "phone.challenge", ...FORM_MESSAGES];

/**
 * What support can do for a person, on their page in the console (/support/people/[userId]) and
 * on the Resets tab: **Reset two-factor authentication** and **Require password change**, for
 * support admins only, never on one's own account (the domain refuses both again). `caseId`: the
 * case this is done for (`?case=` from a case page), stored with the reset and its events.
 */
export async function PersonActions({ userId, caseId }: { userId: string; caseId?: string }) {
  const { user, isAdmin } = await supportPage();
  const [t, person] = await Promise.all([
    getTranslations("supportResets.actions"),
    db.user.findUnique({ where: { id: userId }, select: { id: true } }),
  ]);
  if (!person) return null;
  const own = person.id === user.id;
  return (
    <section aria-labelledby="person-actions" className="space-y-4">
      <h2 id="person-actions" className="text-lg font-semibold text-slate-900">
        {t("heading")}
      </h2>
      {caseId && <p className="text-sm break-all text-slate-600">{t("forCase", { caseId })}</p>}
      {!isAdmin ? (
        <p className="text-sm text-slate-600">{t("adminsOnly")}</p>
      ) : (
        <>
          {own && <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">{t("ownAccount")}</p>}
          <ClientMessages namespaces={PERSON_ACTION_MESSAGES}>
            <PersonActionForms userId={person.id} caseId={caseId} disabled={own} dualControl={dualControlOn()} />
          </ClientMessages>
        </>
      )}
    </section>
  );
}
