"use client";

import { useTranslations } from "next-intl";
import { useId, type FormEvent } from "react";
import { saveDoorSettingsAction } from "@/lib/actions/access/doors";
import { selectClass } from "@/components/projects/members/shared";
import { useSettingsAction } from "@/components/projects/settings/use-settings-action";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = { projectId: string; timeZone: string; accessRequiresTwoFactor: boolean; zones: readonly string[]; canManage: boolean };

/**
 * The Doors page's settings card: the project's **Time zone** (every schedule is read in it) and
 * whether linked members need account 2FA for their MFA codes. Saved in sudo mode; the prompt
 * appears in place when it is needed.
 */
export function DoorSettingsForm({ projectId, timeZone, accessRequiresTwoFactor, zones, canManage }: Props) {
  const t = useTranslations("accessDoors.settings");
  const id = useId();
  const save = useSettingsAction((formData: FormData) => saveDoorSettingsAction(formData));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.notice.clear();
    save.run(new FormData(event.currentTarget));
  };
  const options = zones.includes(timeZone) ? zones : [timeZone, ...zones];
  return (
    <div className="space-y-3">
      {save.notice.notice && (
        <Alert ref={save.notice.ref} tone="success">
          {save.notice.notice}
        </Alert>
      )}
      {save.refusal && <Alert tone="error">{save.refusal}</Alert>}
      <form onSubmit={submit} noValidate className="space-y-4">
        <input type="hidden" name="projectId" value={projectId} />
        <fieldset disabled={!canManage || save.pending || !!save.sudo} className="space-y-4">
          <div>
            <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-800">
              {t("timeZone")}
            </label>
            <select id={`${id}-zone`} name="timeZone" defaultValue={timeZone} aria-describedby={`${id}-zone-hint`} className={`${selectClass} mt-1 w-full sm:max-w-sm`}>
              {options.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </select>
            <p id={`${id}-zone-hint`} className="mt-1 text-xs text-slate-500">
              {t("timeZoneHint")}
            </p>
          </div>
          <div className="flex gap-3">
            <input
              id={`${id}-2fa`}
              type="checkbox"
              name="accessRequiresTwoFactor"
              defaultChecked={accessRequiresTwoFactor}
              aria-describedby={`${id}-2fa-hint`}
              className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
            />
            <div>
              <label htmlFor={`${id}-2fa`} className="text-sm font-medium text-slate-800">
                {t("requireTwoFactor")}
              </label>
              <p id={`${id}-2fa-hint`} className="mt-1 text-xs text-slate-500">
                {t("requireTwoFactorHint")}
              </p>
            </div>
          </div>
          {canManage ? (
            !save.sudo && (
              <Button type="submit" variant="secondary" disabled={save.pending}>
                {t("save")}
              </Button>
            )
          ) : (
            <p className="text-sm text-slate-600">{t("readOnly")}</p>
          )}
        </fieldset>
      </form>
      {save.sudo && <SudoPrompt method={save.sudo} onVerified={save.retry} onCancel={save.reset} />}
    </div>
  );
}
