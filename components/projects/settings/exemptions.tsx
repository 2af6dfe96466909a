"use client";

import { useTranslations } from "next-intl";
import { useCallback, useId, useRef, type FormEvent } from "react";
import { endProjectExemptionAction, grantProjectExemptionAction } from "@/lib/actions/projects/settings";
import { EXEMPTION_DAYS_MAX } from "@/lib/policy/project";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import { useSettingsAction } from "./use-settings-action";

export type ExemptionView = { userId: string; name: string; email: string; until: string; reason: string | null; byName: string | null };
export type MemberChoice = { userId: string; name: string; email: string };

type Props = { projectId: string; exemptions: ExemptionView[]; members: MemberChoice[]; canManage: boolean; locked: boolean; reasonMax: number };

/**
 * The exceptions running now, and (owners) a form to make one: a member, 1 to 30 days, a reason.
 * Never indefinitely: the days field has a maximum, and so has the server.
 */
export function Exemptions({ projectId, exemptions, members, canManage, locked, reasonMax }: Props) {
  const t = useTranslations("projectSettings.exemptions");
  return (
    <div className="space-y-5">
      {exemptions.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label={t("listLabel")}>
          {exemptions.map((exemption) => (
            <ExemptionItem key={exemption.userId} projectId={projectId} exemption={exemption} canEnd={canManage && !locked} />
          ))}
        </ul>
      )}
      {canManage ? <GrantForm projectId={projectId} members={members} locked={locked} reasonMax={reasonMax} /> : <p className="text-sm text-slate-600">{t("ownersOnly")}</p>}
    </div>
  );
}

function ExemptionItem({ projectId, exemption, canEnd }: { projectId: string; exemption: ExemptionView; canEnd: boolean }) {
  const t = useTranslations("projectSettings.exemptions");
  const end = useSettingsAction((formData: FormData) => endProjectExemptionAction(formData));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    end.run(new FormData(event.currentTarget));
  };
  return (
    <li className="space-y-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">
            {exemption.name} <span className="break-all font-normal text-slate-600">{exemption.email}</span>
          </p>
          <p className="text-slate-700">{t.rich("until", { time: () => <LocalTime value={exemption.until} /> })}</p>
          {exemption.reason && <p className="break-words text-slate-600">{t("reasonShown", { reason: exemption.reason })}</p>}
          {exemption.byName && <p className="text-slate-500">{t("by", { name: exemption.byName })}</p>}
        </div>
        {canEnd && !end.sudo && (
          <form onSubmit={submit}>
            <input type="hidden" name="projectId" value={projectId} />
            <input type="hidden" name="userId" value={exemption.userId} />
            <Button type="submit" variant="secondary" disabled={end.pending}>
              {t("end")}
            </Button>
          </form>
        )}
      </div>
      {end.refusal && <Alert tone="error">{end.refusal}</Alert>}
      {end.sudo && <SudoPrompt method={end.sudo} onVerified={end.retry} onCancel={end.reset} />}
    </li>
  );
}

function GrantForm({ projectId, members, locked, reasonMax }: { projectId: string; members: MemberChoice[]; locked: boolean; reasonMax: number }) {
  const t = useTranslations("projectSettings.exemptions");
  const text = useMessageText();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  // Made: the form empties for the next one (a refusal keeps what was typed).
  const clear = useCallback(() => form.current?.reset(), []);
  const grant = useSettingsAction((formData: FormData) => grantProjectExemptionAction(formData), clear);
  const errors = grant.state?.fieldErrors;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    grant.notice.clear();
    grant.run(new FormData(event.currentTarget));
  };
  return (
    <div className="space-y-3">
      {grant.notice.notice && (
        <Alert ref={grant.notice.ref} tone="success">
          {grant.notice.notice}
        </Alert>
      )}
      {grant.refusal && <Alert tone="error">{grant.refusal}</Alert>}
      <form ref={form} onSubmit={submit} noValidate className="space-y-4">
        <input type="hidden" name="projectId" value={projectId} />
        <fieldset disabled={locked || grant.pending || !!grant.sudo} className="grid min-w-0 gap-4 sm:grid-cols-2">
          <legend className="sr-only">{t("formTitle")}</legend>
          <div>
            <label htmlFor={`${id}-member`} className="block text-sm font-medium text-slate-800">
              {t("member")}
            </label>
            <select
              id={`${id}-member`}
              name="userId"
              defaultValue=""
              aria-invalid={errors?.userId?.length ? true : undefined}
              aria-describedby={errors?.userId?.length ? `${id}-member-error` : undefined}
              className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm"
            >
              <option value="" disabled>
                {t("choose")}
              </option>
              {members.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name} ({member.email})
                </option>
              ))}
            </select>
            {errors?.userId?.length ? (
              <p id={`${id}-member-error`} className="mt-1 text-sm text-red-700">
                {text(errors.userId[0])}
              </p>
            ) : null}
          </div>
          <Field label={t("days")} name="days" type="number" inputMode="numeric" min={1} max={EXEMPTION_DAYS_MAX} step={1} defaultValue="7" hint={t("daysHint", { max: EXEMPTION_DAYS_MAX })} errors={errors?.days} />
          <Field label={t("reason")} name="reason" autoComplete="off" maxLength={reasonMax} hint={t("reasonHint", { max: reasonMax })} errors={errors?.reason} className="sm:col-span-2" />
        </fieldset>
        {!locked && !grant.sudo && (
          <Button type="submit" variant="secondary" disabled={grant.pending || members.length === 0}>
            {t("grant")}
          </Button>
        )}
      </form>
      {grant.sudo && <SudoPrompt method={grant.sudo} onVerified={grant.retry} onCancel={grant.reset} />}
    </div>
  );
}
