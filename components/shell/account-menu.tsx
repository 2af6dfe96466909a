"use client";

import Link from "next/link";
import { useCallback, useId, useRef, useState } from "react";
import { useDismiss } from "./use-dismiss";
import { signOutAction } from "@/lib/actions/auth/sign-out";

/** `labels`: the words of messages/<locale>/shell.json "menu", from the server. */
export type AccountMenuLabels = { label: string; settings: string; security: string; signOut: string };

export function AccountMenu({ name, email, labels }: { name: string; email: string; labels: AccountMenuLabels }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useDismiss(open, close, root, button);

  const initials = avatarInitials(name);
  return (
    <div className="relative" ref={root}>
      <button
        ref={button}
        type="button"
        aria-label={labels.label}
        aria-haspopup="true"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        aria-controls={menuId}
        className="flex items-center gap-2 rounded-full p-1 pr-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">
          {initials}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{name}</span>
      </button>
      {open && (
        <div id={menuId} className="absolute right-0 z-20 mt-2 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
          <div className="border-b border-slate-100 px-3 py-2">
            <p className="truncate text-sm font-medium text-slate-900">{name}</p>
            <p className="truncate text-xs text-slate-500">{email}</p>
          </div>
          <Link href="/account" onClick={() => setOpen(false)} className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            {labels.settings}
          </Link>
          <Link href="/security" onClick={() => setOpen(false)} className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            {labels.security}
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50">
              {labels.signOut}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

/**
 * "AL" for Ada Lovelace; for a name in Chinese characters or kana ("山田 花子"), only its first
 * character (山), as Japanese avatars do: two first characters of family and given name mean
 * nothing. Whole code points, so an emoji or a rare kanji is never cut in half.
 */
export function avatarInitials(name: string): string {
  const first = (part: string) => [...part][0] ?? "";
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "?";
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(first(parts[0]!))) return first(parts[0]!);
  return parts.slice(0, 2).map(first).join("").toUpperCase();
}
