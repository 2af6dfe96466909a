import type { EmailContext } from "../template";
import { EmailLayout, Greeting, IfThisWasNotYou, Paragraph } from "./layout";

export type FactorMethodType = "totp" | "sms" | "voice" | "webauthn";

/**
 * A factor that was added or removed: its kind, and what tells it apart — a security key's or
 * app's name, or a phone number already masked ("•••• 34"): never the whole number.
 */
export type FactorChangeProps = { name?: string; method: FactorMethodType; label?: string | null };

const isPhone = (method: FactorMethodType) => method === "sms" || method === "voice";

/** The body factor-added and factor-removed share. */
export function FactorChange({ change, name, method, label, ...context }: FactorChangeProps & EmailContext & { change: "factorAdded" | "factorRemoved" }) {
  const { t } = context;
  return (
    <EmailLayout {...context} preview={t(`${change}.preview`)} heading={t(`${change}.heading`)}>
      <Greeting t={t} name={name} />
      <Paragraph>{t(`${change}.body`)}</Paragraph>
      <Paragraph>
        {t("factorChange.method", { method })}
        {label && (
          <>
            <br />
            {isPhone(method) ? t("factorChange.number", { label }) : t("factorChange.name", { label })}
          </>
        )}
      </Paragraph>
      <IfThisWasNotYou {...context} />
    </EmailLayout>
  );
}
