"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { FormState } from "@/lib/actions/form-state";
import { setTwoFactorLevelAction } from "@/lib/actions/security/level";
import { lowersLevel, meetsLevel, TWO_FACTOR_LEVELS, type TwoFactorLevel } from "@/lib/policy/levels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { useMessageText } from "@/components/ui/message-text";
import { usePolicyValues } from "@/components/ui/policy-values";
import { useNotice } from "@/components/ui/use-notice";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

/**
 * How often the second factor is asked: Disabled, Once per computer, Every login, as a radio
 * group with one line of explanation each. Without a real factor only Disabled can be chosen,
 * so the group is disabled with a hint; levels below the role's `minimum` (support staff) cannot
 * be chosen; lowering the level goes through the sudo prompt.
 */
export function LevelCard({ level, hasFactor, minimum = "disabled" }: { level: TwoFactorLevel; hasFactor: boolean; minimum?: TwoFactorLevel }) {
  const t = useTranslations("trust.level");
  const text = useMessageText();
  const router = useRouter();
  const { trustDays } = usePolicyValues();
  const [choice, setChoice] = useState<TwoFactorLevel>(level);
  const save = useProtectedAction<FormState>((formData) => setTwoFactorLevelAction({}, formData));
  const { notice, ref: noticeRef, show, clear } = useNotice();
  const ids = useId();

  // A level changed elsewhere (2FA turned off, another tab) shows as it is now.
  const [shown, setShown] = useState(level);
  if (shown !== level) {
    setShown(level);
    setChoice(level);
  }
  const savedState = save.state?.ok ? save.state : null;
  const savedText = savedState ? text(savedState.message) : "";
  const { reset } = save;
  useEffect(() => {
    if (!savedState) return;
    show(savedText);
    reset();
    router.refresh();
  }, [savedState, savedText, show, reset, router]);

  const refusal = save.state && !save.state.ok && save.state.code !== "sudo_required" ? text(save.state.message) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    clear();
    save.run(new FormData(event.currentTarget));
  };

  return (
    <Card title={t("title")} description={t("description")}>
      <div className="space-y-4">
        {notice && (
          <Alert ref={noticeRef} tone="success">
            {notice}
          </Alert>
        )}
        {!hasFactor && <Alert tone="info">{t("needsFactor")}</Alert>}
        {hasFactor && minimum !== "disabled" && <p className="text-sm text-slate-600">{t("staffMinimum")}</p>}
        {refusal && <Alert tone="error">{refusal}</Alert>}
        <form onSubmit={submit} className="space-y-4">
          <fieldset disabled={!hasFactor || save.pending || !!save.sudo} className="min-w-0">
            <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
            <div className="mt-2 space-y-2">
              {TWO_FACTOR_LEVELS.map((option) => {
                const id = `${ids}-${option}`;
                const allowed = meetsLevel(option, minimum);
                return (
                  <div
                    key={option}
                    className={`flex gap-3 rounded-md p-3 ring-1 ring-inset ${choice === option ? "bg-brand-50 ring-brand-600/40" : "ring-slate-200"} ${!hasFactor || !allowed ? "opacity-60" : ""}`}
                  >
                    <input
                      id={id}
                      type="radio"
                      name="level"
                      value={option}
                      checked={choice === option}
                      disabled={!allowed}
                      onChange={() => setChoice(option)}
                      aria-describedby={`${id}-hint`}
                      className="mt-0.5 size-4 shrink-0 accent-brand-600"
                    />
                    <div className="min-w-0">
                      <div className="flex flex-wrap items-center gap-2">
                        <label htmlFor={id} className="text-sm font-medium text-slate-900">
                          {t(`options.${option}.label`)}
                        </label>
                        {option === level && <Badge tone="green">{t("current")}</Badge>}
                      </div>
                      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
                        {t(`options.${option}.hint`, { trustDays })}
                      </p>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
          {hasFactor && !save.sudo && (
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" disabled={choice === level || save.pending}>
                {t("save")}
              </Button>
              {choice !== level && lowersLevel(level, choice) && <p className="text-sm text-slate-600">{t("lowering")}</p>}
            </div>
          )}
        </form>
        {save.sudo && <SudoPrompt method={save.sudo} onVerified={save.retry} onCancel={save.reset} />}
      </div>
    </Card>
  );
}
