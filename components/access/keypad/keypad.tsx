"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import { checkDoorAction } from "@/lib/actions/access/doors";
import type { FormState } from "@/lib/actions/form-state";
import { cardNumberSchema, facilityCodeSchema, type DoorMode } from "@/lib/access/door-schemas";
import { ACCESS_CODE_MAX } from "@/lib/access/code-rules";
import type { DoorCheckReason } from "@/lib/access/door-check";
import type { KeypadCard } from "@/lib/access/doors";
import { selectClass } from "@/components/projects/members/shared";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { LocalTime } from "@/components/ui/local-time";
import { useMessageText } from "@/components/ui/message-text";
import type { Message } from "@/lib/i18n/message";

type DoorChoice = { id: string; name: string; mode: DoorMode | null };
type Check = { granted: boolean; reason: DoorCheckReason; mode: DoorMode | null; lockedUntil: string | null };

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "enter"] as const;
const keyBase = "grid h-14 place-items-center rounded-lg font-semibold shadow-xs ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50";
const keyClass = `${keyBase} bg-white text-xl text-slate-900 ring-slate-300 hover:bg-slate-50 active:bg-slate-100`;
const enterClass = `${keyBase} bg-brand-600 text-base text-white ring-brand-700 hover:bg-brand-700`;

/**
 * The keypad simulator: pick a door, present a card (one of the project's, or typed), type a code
 * on the 3×4 keypad or the keyboard (digits, Backspace, Enter), see **Granted** or **Denied**
 * with the reason in words. The code shows as dots and is cleared after every try; it goes to
 * the server once, in the check, and never comes back.
 */
export function Keypad({
  projectId,
  doors,
  cards,
  initialDoorId,
  initialCard,
}: {
  projectId: string;
  doors: DoorChoice[];
  cards: KeypadCard[];
  /** The door chosen first (the door page's link); else the first door. */
  initialDoorId?: string;
  /** The card presented first (a person's "Try at a door" link); else the project's first card. */
  initialCard?: { facilityCode: string; cardNumber: string };
}) {
  const t = useTranslations("accessDoors");
  const text = useMessageText();
  const id = useId();
  const firstCard = initialCard ?? (cards[0] ? { facilityCode: String(cards[0].facilityCode), cardNumber: String(cards[0].cardNumber) } : null);
  const [doorId, setDoorId] = useState(initialDoorId ?? doors[0]?.id ?? "");
  const [facilityCode, setFacilityCode] = useState(firstCard?.facilityCode ?? "");
  const [cardNumber, setCardNumber] = useState(firstCard?.cardNumber ?? "");
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, Message[]>>({});
  const [refusal, setRefusal] = useState<FormState | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const pickedCard = cards.find((card) => String(card.facilityCode) === facilityCode && String(card.cardNumber) === cardNumber);
  const door = doors.find((each) => each.id === doorId);

  useEffect(() => {
    if (Object.keys(fieldErrors).length) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  const type = (digit: string) => setCode((current) => (current.length < ACCESS_CODE_MAX ? current + digit : current));
  const present = () => {
    const errors: Record<string, Message[]> = {};
    const facility = facilityCodeSchema.safeParse(facilityCode.trim() === "" ? undefined : facilityCode);
    const number = cardNumberSchema.safeParse(cardNumber.trim() === "" ? undefined : cardNumber);
    if (!facility.success) errors.facilityCode = [{ key: "accessDoors.errors.facilityCode" }];
    if (!number.success) errors.cardNumber = [{ key: "accessDoors.errors.cardNumber" }];
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    const data = new FormData();
    data.set("projectId", projectId);
    data.set("doorId", doorId);
    data.set("facilityCode", facilityCode.trim());
    data.set("cardNumber", cardNumber.trim());
    data.set("code", code);
    setCode("");
    startTransition(async () => {
      const answer = (await checkDoorAction(data)) as FormState & { check?: Check };
      setCheck(answer.ok && answer.check ? answer.check : null);
      setRefusal(answer.ok ? null : answer);
    });
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    present();
  };
  /** Digits and Backspace typed while a keypad button has focus go to the code too. */
  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || event.altKey || event.ctrlKey || event.metaKey) return;
    if (/^[0-9]$/.test(event.key)) {
      event.preventDefault();
      type(event.key);
    } else if (event.key === "Backspace") {
      event.preventDefault();
      setCode((current) => current.slice(0, -1));
    }
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem] lg:grid-rows-[auto_1fr]">
      <div className="space-y-4">
        <div>
          <label htmlFor={`${id}-door`} className="block text-sm font-medium text-slate-800">
            {t("keypad.door")}
          </label>
          <select id={`${id}-door`} value={doorId} onChange={(event) => setDoorId(event.target.value)} aria-describedby={`${id}-door-mode`} className={`${selectClass} mt-1 w-full sm:max-w-sm`}>
            {doors.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </select>
          <p id={`${id}-door-mode`} className="mt-1 text-xs text-slate-500">
            {door?.mode ? t("keypad.mode", { mode: t(`modes.${door.mode}`) }) : t("keypad.noMode")}
          </p>
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900">{t("keypad.card")}</legend>
          {cards.length > 0 ? (
            <div>
              <label htmlFor={`${id}-card`} className="block text-sm font-medium text-slate-800">
                {t("keypad.pickCard")}
              </label>
              <select
                id={`${id}-card`}
                value={pickedCard ? `${pickedCard.facilityCode}:${pickedCard.cardNumber}` : ""}
                onChange={(event) => {
                  const [facility = "", number = ""] = event.target.value.split(":");
                  setFacilityCode(facility);
                  setCardNumber(number);
                }}
                className={`${selectClass} mt-1 w-full sm:max-w-sm`}
              >
                <option value="">{t("keypad.typeCard")}</option>
                {cards.map((card) => (
                  <option key={`${card.facilityCode}:${card.cardNumber}`} value={`${card.facilityCode}:${card.cardNumber}`}>
                    {card.facilityCode}:{card.cardNumber} · {card.accessUserName}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="text-sm text-slate-600">
              {t("keypad.noCards")}{" "}
              <Link href={`/projects/${projectId}/access`} className="font-medium text-brand-700 hover:underline">
                {t("keypad.addCard")}
              </Link>
            </p>
          )}
          <div className="grid grid-cols-2 gap-3 sm:max-w-sm">
            <Field label={t("keypad.facilityCode")} name="facilityCode" inputMode="numeric" autoComplete="off" value={facilityCode} onChange={(event) => setFacilityCode(event.target.value)} errors={fieldErrors.facilityCode ?? refusal?.fieldErrors?.facilityCode} />
            <Field label={t("keypad.cardNumber")} name="cardNumber" inputMode="numeric" autoComplete="off" value={cardNumber} onChange={(event) => setCardNumber(event.target.value)} errors={fieldErrors.cardNumber ?? refusal?.fieldErrors?.cardNumber} />
          </div>
        </fieldset>
      </div>
      <div role="group" aria-label={t("keypad.keys")} onKeyDown={keys} className="mx-auto w-full max-w-xs space-y-3 lg:col-start-2 lg:row-span-2 lg:row-start-1 rounded-xl bg-slate-100 p-4 ring-1 ring-slate-200">
        <label htmlFor={`${id}-code`} className="block text-sm font-medium text-slate-800">
          {t("keypad.code")}
        </label>
        <input
          ref={codeInput}
          id={`${id}-code`}
          type="password"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={ACCESS_CODE_MAX}
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/[^0-9]/g, "").slice(0, ACCESS_CODE_MAX))}
          aria-describedby={`${id}-code-count ${id}-keyboard`}
          className="block h-12 w-full rounded-md border-0 bg-slate-900 px-3 text-center font-mono text-2xl tracking-[0.4em] text-emerald-300 ring-1 ring-slate-700 focus:ring-2 focus:ring-brand-500"
        />
        <p id={`${id}-code-count`} className="sr-only">
          {t("keypad.codeTyped", { count: code.length })}
        </p>
        <div className="grid grid-cols-3 gap-2">
          {KEYS.map((key) =>
            key === "enter" ? (
              <button key={key} type="submit" disabled={pending || !doorId} className={enterClass}>
                {t("keypad.enter")}
              </button>
            ) : key === "clear" ? (
              <button key={key} type="button" onClick={() => setCode("")} className={`${keyBase} bg-white text-base text-slate-900 ring-slate-300 hover:bg-slate-50`}>
                {t("keypad.clear")}
              </button>
            ) : (
              <button key={key} type="button" onClick={() => type(key)} className={keyClass}>
                {key}
              </button>
            ),
          )}
        </div>
        <p id={`${id}-keyboard`} className="text-xs text-slate-600">
          {t("keypad.keyboard")}
        </p>
      </div>
      <div className="space-y-3 lg:col-start-1 lg:row-start-2">
        <div role="status" aria-live="polite" aria-atomic="true" aria-label={t("keypad.result")} className="min-h-24">
          {check && (
            <div className={`rounded-lg px-4 py-3 ring-1 ring-inset ${check.granted ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-900 ring-red-200"}`} data-testid="keypad-result">
              <p className="text-lg font-semibold">{check.granted ? t("keypad.granted") : t("keypad.denied")}</p>
              <p className="text-sm">{t(`reasons.${check.reason}`)}</p>
              <p className="mt-1 text-xs opacity-80">{check.mode ? t("keypad.mode", { mode: t(`modes.${check.mode}`) }) : t("keypad.noMode")}</p>
              {check.lockedUntil && (
                <p className="mt-1 text-xs">
                  {t("keypad.lockedUntil")} <LocalTime value={check.lockedUntil} />
                </p>
              )}
            </div>
          )}
        </div>
        {refusal?.message && !refusal.fieldErrors && <Alert tone="error">{text(refusal.message)}</Alert>}
      </div>
    </form>
  );
}
