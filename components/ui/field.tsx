"use client";

import { useId, useState, type InputHTMLAttributes } from "react";
import { useTranslations } from "next-intl";
import type { Message } from "@/lib/i18n/message";
import { useMessageText } from "./message-text";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  /** Field errors as returned by a server action; shown in the viewer's language. */
  errors?: Message[];
  hint?: string;
};

const inputClass =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500 disabled:bg-slate-50 disabled:text-slate-500 sm:text-sm";

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function Field({ label, name, errors, hint, className = "", type, ...props }: FieldProps) {
  const id = useId();
  const text = useMessageText();
  const [revealed, setRevealed] = useState(false);
  const secret = type === "password";
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  const input = (
    <input
      id={id}
      name={name}
      type={secret && revealed ? "text" : type}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describedBy || undefined}
      className={secret ? `${inputClass} pr-11` : inputClass}
      {...props}
    />
  );
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {secret ? (
        <div className="relative">
          {input}
          <RevealToggle pressed={revealed} disabled={props.disabled} onToggle={() => setRevealed(!revealed)} />
        </div>
      ) : (
        input
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {text(errors[0])}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Shows what was typed (DESIGN rule 8). The name comes from hidden text, not aria-label, so
 * `getByLabel("Password")` still finds only the input; aria-pressed carries the state, so the
 * name stays the same either way.
 */
function RevealToggle({ pressed, disabled, onToggle }: { pressed: boolean; disabled?: boolean; onToggle: () => void }) {
  const t = useTranslations("common");
  return (
    <button
      type="button"
      aria-pressed={pressed}
      disabled={disabled}
      onClick={onToggle}
      className="absolute inset-y-0 right-0 grid w-10 place-items-center rounded-r-md text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-50"
    >
      <span className="sr-only">{t("showPassword")}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-5 w-5">
        <path d="M1.5 10s3-6 8.5-6 8.5 6 8.5 6-3 6-8.5 6-8.5-6-8.5-6Z" />
        <circle cx="10" cy="10" r="2.5" />
        {pressed && <path d="M3 3l14 14" strokeLinecap="round" />}
      </svg>
    </button>
  );
}
