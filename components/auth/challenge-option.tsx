import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { FormState } from "@/lib/actions/form-state";
import type { ChallengeOption } from "@/lib/mfa/challenge-options";
import { ClientMessages, FORM_MESSAGES } from "@/components/ui/client-messages";
import { db } from "@/lib/db";
import { nextCodeSendAt } from "@/lib/mfa/send-throttle";
import { PhoneChallenge } from "./phone-challenge";
import { AuthHeading } from "./auth-page";
import { SecurityKeyChallenge } from "./security-key-challenge";
import { ChallengeForm } from "./challenge-form";

/** The challenge for one way of answering it, with its heading. */
export async function ChallengeOptionView({ option, initial, userId }: { option: ChallengeOption; initial: FormState; userId: string }) {
  const t = await getTranslations("auth.challenge");
  switch (option.method) {
    case "totp":
      return (
        <>
          <AuthHeading heading={t("totpHeading")} intro={t("totpIntro")} />
          <ChallengeForm method="totp" via={option.key} initial={initial} />
        </>
      );
    case "recovery_code":
      return (
        <>
          <AuthHeading heading={t("recoveryHeading")} />
          <ChallengeForm method="recovery_code" initial={initial} />
        </>
      );
    case "webauthn": {
      const keys = await getTranslations("keys.challenge");
      return (
        <>
          <AuthHeading heading={keys("heading")} intro={keys("intro")} />
          <ClientMessages namespaces={["keys.challenge", "keys.browser", ...FORM_MESSAGES]}>
            <SecurityKeyChallenge purpose="sign_in" />
          </ClientMessages>
        </>
      );
    }
    case "sms":
    case "voice": {
      const next = await nextCodeSendAt(db, userId, new Date());
      return (
        <>
          <AuthHeading heading={t("phoneHeading")} />
          <ClientMessages namespaces={["phone.challenge", "security.lock", ...FORM_MESSAGES]}>
            <PhoneChallenge
              factorId={option.factorId}
              hint={option.hint}
              channel={option.method}
              purpose="sign_in"
              initial={initial}
              {...(next > new Date() ? { retryAt: next.toISOString() } : {})}
            />
          </ClientMessages>
        </>
      );
    }
  }
}

/** Each way as a link to the challenge page showing it (no JavaScript needed). */
export async function OptionList({ options }: { options: ChallengeOption[] }) {
  const t = await getTranslations("auth.other");
  return (
    <ul className="space-y-2">
      {options.map((option) => {
        const href = option.method === "recovery_code" ? "/sign-in/verify/recovery" : `/sign-in/verify?via=${encodeURIComponent(option.key)}`;
        const { title, detail } = describe(option, t);
        return (
          <li key={option.key}>
            <Link
              href={href}
              className="block rounded-lg px-4 py-3 ring-1 ring-slate-200 hover:bg-slate-50 hover:ring-brand-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              <span className="block text-sm font-medium text-slate-900">{title}</span>
              <span className="mt-0.5 block text-sm break-words text-slate-600">{detail}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"auth.other">>>;

function describe(option: ChallengeOption, t: T): { title: string; detail: string } {
  switch (option.method) {
    case "totp":
      return { title: t("totp"), detail: t("totpDetail") };
    case "webauthn":
      return { title: t("webauthn"), detail: option.names.filter(Boolean).join(", ") || t("webauthnDetail") };
    case "sms":
    case "voice":
      return {
        title: option.fallback ? t("fallback", { hint: option.hint }) : t(option.method, { hint: option.hint }),
        detail: t(option.method === "sms" ? "smsDetail" : "voiceDetail"),
      };
    case "recovery_code":
      return { title: t("recovery"), detail: t("recoveryDetail") };
  }
}
