"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { decideSupportCaseAction } from "@/lib/actions/support/cases";
import type { SupportCaseKind, SupportCaseState } from "@/lib/db/generated/enums";
import { CASE_NOTE_MAX } from "@/lib/support/cases-schema";
import { TextArea } from "@/components/ui/text-area";

/**
 * Approve or Refuse, with the note the person is emailed. Two submit buttons name the decision;
 * the words follow the case's kind ("Reviewed, action taken" for a "This wasn't me" report).
 */
export function DecideCaseForm({ caseId, kind }: { caseId: string; kind: SupportCaseKind }) {
  const t = useTranslations("supportCases");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(decideSupportCaseAction, initialFormState);
  const outcome = state as { state?: SupportCaseState; handledAt?: string };
  const stateWord = outcome.state ? (outcome.state === "open" ? t("state.open") : t(`state.${kind}.${outcome.state}`)) : "";
  if (state.ok) return <Alert tone="success">{text(state.message)}</Alert>;
  return (
    <form {...form} className="space-y-4">
      {outcome.state && outcome.handledAt ? (
        <Alert tone="warning">
          {t.rich("case.handle.alreadyHandled", { state: stateWord, time: () => <LocalTime value={outcome.handledAt!} /> })}
        </Alert>
      ) : (
        state.message && <Alert tone="error">{text(state.message)}</Alert>
      )}
      <input type="hidden" name="caseId" value={caseId} />
      <TextArea
        label={t("case.handle.note")}
        name="note"
        rows={4}
        required
        hint={t("case.handle.noteHint")}
        counter={{ max: CASE_NOTE_MAX, format: (count) => `${count} / ${CASE_NOTE_MAX}` }}
        errors={state.fieldErrors?.note ?? state.fieldErrors?.decision}
      />
      <div className="flex flex-col gap-3 sm:flex-row">
        <Button type="submit" name="decision" value="approved" disabled={pending}>
          {t(`case.handle.approve.${kind}`)}
        </Button>
        <Button type="submit" name="decision" value="refused" variant="secondary" disabled={pending}>
          {t(`case.handle.refuse.${kind}`)}
        </Button>
      </div>
    </form>
  );
}
