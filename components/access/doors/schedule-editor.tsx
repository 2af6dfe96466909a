"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { saveScheduleAction } from "@/lib/actions/access/doors";
import { DOOR_MODES, doorSchedule, SCHEDULE_WINDOWS_MAX, WEEKDAYS, type DoorMode, type ScheduleWindow } from "@/lib/access/door-schemas";
import { selectClass } from "@/components/projects/members/shared";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { SudoPrompt } from "@/components/security/sudo-prompt";
import { useProtectedAction } from "@/components/security/use-protected-action";

/** A window as edited: an end of 24:00 shows as 00:00, which a time input can hold. */
type Row = { key: number; day: number; start: string; end: string; mode: DoorMode };

let nextKey = 1;
const toRow = (window: ScheduleWindow): Row => ({ key: nextKey++, ...window, end: window.end === "24:00" ? "00:00" : window.end });
const toWindow = ({ day, start, end, mode }: Row): ScheduleWindow => ({ day, start, end: end === "00:00" ? "24:00" : end, mode });
const allWeek = (mode: DoorMode) => WEEKDAYS.map((day) => toRow({ day, start: "00:00", end: "24:00", mode }));
const PRESETS = {
  presetWeekdays: () => [1, 2, 3, 4, 5].map((day) => toRow({ day, start: "09:00", end: "17:00", mode: "card_and_code" })),
  presetCardOnly: () => allWeek("card_only"),
  presetCodeAllWeek: () => allWeek("card_and_code"),
  clear: () => [],
} as const;

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2 py-1.5 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500 disabled:bg-slate-50 sm:text-sm";

/** A quiet text button: per-window actions should not outweigh Save. */
const linkButton = "rounded text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:text-slate-400";

/**
 * The weekly schedule editor: per weekday its windows (start, end, **Card only** / **Card + code**),
 * add and remove, quick presets; checked with the server's own schema before it is sent, so
 * each problem shows beside its window. Saves the whole schedule at once.
 */
export function ScheduleEditor({ projectId, doorId, schedule, canManage }: { projectId: string; doorId: string; schedule: ScheduleWindow[]; canManage: boolean }) {
  const t = useTranslations("accessDoors");
  const text = useMessageText();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => schedule.map(toRow));
  const [saved, setSaved] = useState(() => JSON.stringify(schedule));
  const [errors, setErrors] = useState<Record<number, string>>({});
  // Saved in sudo mode (DESIGN rule 6: a door's Card + code is its two-factor policy): when sudo
  // mode has ended, the prompt appears in place and the same schedule goes again.
  const action = useProtectedAction((formData: FormData) => saveScheduleAction(formData));
  const { state, pending } = action;
  const sent = useRef<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const ordered = WEEKDAYS.flatMap((day) => rows.filter((row) => row.day === day));
  const dirty = JSON.stringify(ordered.map(toWindow)) !== saved;

  useEffect(() => {
    if (Object.keys(errors).length) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  useEffect(() => {
    if (state && !action.sudo) result.current?.focus();
    if (state?.ok && sent.current !== null) setSaved(sent.current);
  }, [state, action.sudo]);

  const change = (key: number, patch: Partial<Row>) => setRows((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const add = (day: number) =>
    setRows((all) => {
      const last = all.filter((row) => row.day === day).at(-1);
      const start = last && last.end !== "00:00" ? last.end : "09:00";
      return [...all, { key: nextKey++, day, start, end: last ? "00:00" : "17:00", mode: "card_and_code" }];
    });
  const save = () => {
    action.reset();
    const parsed = doorSchedule.safeParse(ordered.map(toWindow));
    if (!parsed.success) {
      const found: Record<number, string> = {};
      for (const issue of parsed.error.issues) {
        const index = typeof issue.path[0] === "number" ? issue.path[0] : 0;
        const row = ordered[index];
        if (row && !found[row.key]) found[row.key] = issue.message.startsWith("accessDoors.") ? issue.message : "accessDoors.errors.schedule";
      }
      setErrors(found);
      return;
    }
    setErrors({});
    const form = new FormData();
    form.set("projectId", projectId);
    form.set("doorId", doorId);
    form.set("schedule", JSON.stringify(parsed.data));
    sent.current = JSON.stringify(ordered.map(toWindow));
    action.run(form);
  };

  return (
    <div ref={root} className="space-y-4">
      {canManage && (
        <div role="group" aria-labelledby={`${id}-presets`} className="flex flex-wrap items-center gap-2">
          <span id={`${id}-presets`} className="text-sm font-medium text-slate-700">
            {t("schedule.presets")}
          </span>
          {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((preset) => (
            <Button key={preset} variant="secondary" className="py-1.5" onClick={() => (setErrors({}), setRows(PRESETS[preset]()))}>
              {t(`schedule.${preset}`)}
            </Button>
          ))}
        </div>
      )}
      <div className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {WEEKDAYS.map((day) => {
          const dayRows = rows.filter((row) => row.day === day);
          const dayName = t(`days.${day}`);
          return (
            <fieldset key={day} disabled={!canManage || pending} className="grid gap-2 px-3 py-3 sm:grid-cols-[8rem_1fr] sm:gap-4">
              <legend className="float-left pt-1.5 text-sm font-semibold text-slate-900">{dayName}</legend>
              <div className="space-y-2 sm:col-start-2">
                {dayRows.length === 0 && <p className="pt-1.5 text-sm text-slate-500">{t("schedule.closedAllDay")}</p>}
                {dayRows.map((row, index) => {
                  const label = t("schedule.window", { day: dayName, number: index + 1 });
                  const error = errors[row.key];
                  return (
                    <div key={row.key} role="group" aria-label={label} className="space-y-1">
                      <div className="grid grid-cols-2 items-end gap-2 sm:grid-cols-[9rem_9rem_minmax(9rem,12rem)_auto]">
                        <label className="text-xs font-medium text-slate-600">
                          {t("schedule.start")}
                          <input type="time" step={60} required value={row.start} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-${row.key}-error` : undefined} onChange={(event) => change(row.key, { start: event.target.value })} className={`${inputClass} mt-0.5`} />
                        </label>
                        <label className="text-xs font-medium text-slate-600">
                          {t("schedule.end")}
                          <input type="time" step={60} required value={row.end} onChange={(event) => change(row.key, { end: event.target.value })} className={`${inputClass} mt-0.5`} />
                        </label>
                        <label className="col-span-2 text-xs font-medium text-slate-600 sm:col-span-1">
                          {t("schedule.mode")}
                          <select value={row.mode} onChange={(event) => change(row.key, { mode: event.target.value as DoorMode })} className={`${selectClass} mt-0.5 w-full py-1.5`}>
                            {DOOR_MODES.map((mode) => (
                              <option key={mode} value={mode}>
                                {t(`modes.${mode}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        {canManage && (
                          <button type="button" className={`${linkButton} justify-self-start py-2`} onClick={() => setRows((all) => all.filter((other) => other.key !== row.key))}>
                            {t("schedule.removeWindow")}
                            <span className="sr-only">: {label}</span>
                          </button>
                        )}
                      </div>
                      {error && (
                        <p id={`${id}-${row.key}-error`} className="text-sm text-red-700">
                          {text({ key: error })}
                        </p>
                      )}
                    </div>
                  );
                })}
                {canManage && rows.length < SCHEDULE_WINDOWS_MAX && (
                  <button type="button" className={linkButton} onClick={() => add(day)}>
                    + {t("schedule.addWindow")}
                    <span className="sr-only">: {dayName}</span>
                  </button>
                )}
              </div>
            </fieldset>
          );
        })}
      </div>
      {action.sudo && <SudoPrompt method={action.sudo} onVerified={action.retry} onCancel={action.reset} />}
      {state?.message && !action.sudo && (
        <Alert ref={result} tone={state.ok ? "success" : "error"}>
          {text(state.message)}
        </Alert>
      )}
      {canManage ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={save} disabled={pending || !!action.sudo}>
            {t("schedule.save")}
          </Button>
          {dirty && <span className="text-sm text-amber-800">{t("schedule.unsaved")}</span>}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("schedule.readOnly")}</p>
      )}
    </div>
  );
}
