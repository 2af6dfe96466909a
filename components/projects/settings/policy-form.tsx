"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { updateProjectPolicyAction } from "@/lib/actions/projects/settings";
import { TWO_FACTOR_LEVELS, type TwoFactorLevel } from "@/lib/policy/levels";
import { GRACE_DAYS_MAX } from "@/lib/policy/project";
import type { PolicyValues } from "@/lib/projects/policy";
import type { PolicyPreview } from "@/lib/projects/policy-preview";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { usePolicyValues } from "@/components/ui/policy-values";
import { PolicyPreviewPanel } from "./policy-preview";
import { useSettingsAction } from "./use-settings-action";

type Props = { projectId: string; current: PolicyValues; graceEndsAt: string | null; locked: boolean };

/**
 * Required two-factor authentication, Secure methods only and the grace period, saved together.
 * A change that can only block more people comes back as a preview of whom it hits; confirming
 * sends the same values again with `confirm` and the people the preview showed as blocked, and
 * the server works it out again. The values the page showed travel along, so a change someone
 * else made meanwhile is reported, never overwritten.
 */
export function PolicyForm({ projectId, current, graceEndsAt, locked }: Props) {
  const t = useTranslations("projectSettings.policy");
  const levels = useTranslations("projects.levels");
  const router = useRouter();
  const { trustDays } = usePolicyValues();
  const ids = useId();
  const [level, setLevel] = useState<TwoFactorLevel>(current.requiredLevel);
  const [secure, setSecure] = useState(current.secureMethodsOnly);
  const [graceDays, setGraceDays] = useState(String(current.graceDays));
  const save = useSettingsAction((formData: FormData) => updateProjectPolicyAction(formData));

  // Saved here or elsewhere: the controls show what is stored now.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setLevel(current.requiredLevel);
    setSecure(current.secureMethodsOnly);
    setGraceDays(String(current.graceDays));
  }
  const stale = save.state?.code === "project_policy_stale";
  useEffect(() => {
    if (stale) router.refresh();
  }, [stale, router]);

  const preview = save.state?.code === "policy_confirm_required" ? save.state.preview : undefined;
  // What the preview was asked for: the confirmation sends exactly that again (the controls are
  // disabled meanwhile, and a disabled control is not part of a form's data).
  const asked = useRef<FormData | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    asked.current = new FormData(event.currentTarget);
    save.notice.clear();
    save.run(asked.current);
  };
  const confirm = (blocked: string[]) => {
    const formData = new FormData();
    for (const [key, value] of asked.current ?? []) formData.append(key, value);
    formData.set("confirm", "1");
    formData.set("shownBlocked", blocked.join(","));
    save.run(formData);
  };
  const dirty = level !== current.requiredLevel || secure !== current.secureMethodsOnly || graceDays.trim() !== String(current.graceDays);
  const frozen = locked || save.pending || !!save.sudo || !!preview;

  return (
    <div className="space-y-4">
      {save.notice.notice && (
        <Alert ref={save.notice.ref} tone="success">
          {save.notice.notice}
        </Alert>
      )}
      {save.refusal && !preview && <Alert tone="error">{save.refusal}</Alert>}
      <form onSubmit={submit} noValidate className="space-y-5">
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="expectedLevel" value={current.requiredLevel} />
        <input type="hidden" name="expectedSecure" value={current.secureMethodsOnly ? "1" : "0"} />
        <input type="hidden" name="expectedGraceDays" value={String(current.graceDays)} />
        <fieldset disabled={frozen} className="min-w-0 space-y-5">
          <fieldset className="min-w-0">
            <legend className="text-sm font-medium text-slate-900">{t("legend")}</legend>
            <div className="mt-2 space-y-2">
              {TWO_FACTOR_LEVELS.map((option) => {
                const id = `${ids}-${option}`;
                return (
                  <div key={option} className={`flex gap-3 rounded-md p-3 ring-1 ring-inset ${level === option ? "bg-brand-50 ring-brand-600/40" : "ring-slate-200"} ${locked ? "opacity-70" : ""}`}>
                    <input
                      id={id}
                      type="radio"
                      name="requiredLevel"
                      value={option}
                      checked={level === option}
                      onChange={() => setLevel(option)}
                      aria-describedby={`${id}-hint`}
                      className="mt-0.5 size-4 shrink-0 accent-brand-600"
                    />
                    <div className="min-w-0">
                      <div className="flex flex-wrap items-center gap-2">
                        <label htmlFor={id} className="text-sm font-medium text-slate-900">
                          {levels(option)}
                        </label>
                        {option === current.requiredLevel && <Badge tone="green">{t("current")}</Badge>}
                      </div>
                      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
                        {t(`hints.${option}`, { trustDays })}
                      </p>
                    </div>
                  </div>
                );
              })}
            </div>
          </fieldset>
          <div className="flex gap-3">
            <input
              id={`${ids}-secure`}
              type="checkbox"
              name="secureMethodsOnly"
              checked={secure}
              onChange={(event) => setSecure(event.target.checked)}
              aria-describedby={`${ids}-secure-hint`}
              className="mt-0.5 size-4 shrink-0 accent-brand-600"
            />
            <div>
              <label htmlFor={`${ids}-secure`} className="text-sm font-medium text-slate-900">
                {t("secureOnly")}
              </label>
              <p id={`${ids}-secure-hint`} className="mt-0.5 text-sm text-slate-600">
                {t("secureOnlyHint")}
              </p>
            </div>
          </div>
          <Field
            label={t("graceDays")}
            name="graceDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={GRACE_DAYS_MAX}
            step={1}
            value={graceDays}
            onChange={(event) => setGraceDays(event.target.value)}
            hint={t("graceHint", { max: GRACE_DAYS_MAX })}
            errors={preview ? undefined : save.state?.fieldErrors?.graceDays}
            className="max-w-xs"
          />
          {graceEndsAt && current.requiredLevel !== "disabled" && (
            <p className="text-sm text-slate-700">{t.rich("graceRunning", { time: () => <LocalTime value={graceEndsAt} /> })}</p>
          )}
        </fieldset>
        {!locked && !preview && !save.sudo && (
          <Button type="submit" disabled={!dirty || save.pending}>
            {t("save")}
          </Button>
        )}
      </form>
      {preview && (
        <PolicyPreviewPanel
          preview={preview}
          changed={!!save.state?.previewChanged}
          pending={save.pending}
          onConfirm={() => confirm(preview.blocked.map((person) => person.userId))}
          onCancel={save.reset}
        />
      )}
      {save.sudo && <SudoPrompt method={save.sudo} onVerified={save.retry} onCancel={save.reset} />}
    </div>
  );
}
