"use client";

import { useId, useState, type TextareaHTMLAttributes } from "react";
import type { Message } from "@/lib/i18n/message";
import { useMessageText } from "@/components/ui/message-text";

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  name: string;
  errors?: Message[];
  hint?: string;
  /** Shows "count / max" under the field, counted in characters as the server counts them (code points). */
  counter?: { max: number; format: (count: number) => string };
};

const textAreaClass =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-invalid:ring-red-500 sm:text-sm";

/** A labelled multi-line field, its hint and errors tied to it as Field does for inputs (components/ui/field.tsx). */
export function TextArea({ label, name, errors, hint, counter, className = "", defaultValue, onChange, ...props }: TextAreaProps) {
  const id = useId();
  const text = useMessageText();
  const [count, setCount] = useState(() => [...String(defaultValue ?? "")].length);
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  const over = counter ? count > counter.max : false;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={textAreaClass}
        onChange={(event) => {
          setCount([...event.target.value].length);
          onChange?.(event);
        }}
        {...props}
      />
      <div className="mt-1 flex items-start justify-between gap-3">
        {hint ? (
          <p id={`${id}-hint`} className="min-w-0 text-xs text-slate-500">
            {hint}
          </p>
        ) : (
          <span />
        )}
        {counter && (
          // Not announced on every keystroke; the hint already says the range.
          <p className={`shrink-0 text-xs tabular-nums ${over ? "font-medium text-red-700" : "text-slate-500"}`} aria-hidden="true">
            {counter.format(count)}
          </p>
        )}
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {text(errors[0])}
        </p>
      ) : null}
    </div>
  );
}
