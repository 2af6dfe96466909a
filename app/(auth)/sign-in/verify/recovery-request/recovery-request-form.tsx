"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";
import { TextArea } from "@/components/ui/text-area";
import { initialFormState } from "@/lib/actions/form-state-initial";
import { fileRecoveryRequestAction } from "@/lib/actions/auth/recovery-request";
import { RECOVERY_MESSAGE_MAX, RECOVERY_MESSAGE_MIN, RECOVERY_REQUESTS_PER_DAY } from "@/lib/support/recovery-request-schema";

/** Contact email (the account's, may be changed) and the message for support; keeps what was typed on a refusal. */
export function RecoveryRequestForm({ accountEmail }: { accountEmail: string }) {
  const t = useTranslations("recoveryRequest.form");
  const text = useMessageText();
  const { state, pending, form } = useFormAction(fileRecoveryRequestAction, initialFormState);
  const { refusal: kind, at } = state as { refusal?: "already_open" | "limit_reached"; at?: string };
  const refusal = kind && at ? { kind, at } : null;
  return (
    <form {...form} className="space-y-4">
      {refusal ? (
        <Alert tone="warning">
          {t.rich(refusal.kind === "already_open" ? "alreadyOpen" : "limitReached", {
            count: RECOVERY_REQUESTS_PER_DAY,
            time: () => <LocalTime value={refusal.at} />,
          })}
        </Alert>
      ) : (
        state.message && <Alert tone="error">{text(state.message)}</Alert>
      )}
      <Field
        label={t("contactEmail")}
        name="contactEmail"
        type="email"
        autoComplete="email"
        required
        defaultValue={accountEmail}
        hint={t("contactEmailHint")}
        errors={state.fieldErrors?.contactEmail}
      />
      <TextArea
        label={t("message")}
        name="message"
        rows={7}
        required
        autoFocus
        hint={t("messageHint", { min: RECOVERY_MESSAGE_MIN, max: RECOVERY_MESSAGE_MAX })}
        counter={{ max: RECOVERY_MESSAGE_MAX, format: (count) => t("counter", { count, max: RECOVERY_MESSAGE_MAX }) }}
        errors={state.fieldErrors?.message}
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("pending") : t("submit")}
      </Button>
    </form>
  );
}
