"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

// Opened by a press, so kept out of the page's first load.
const RenameForm = lazy(() => import("./security-key-forms").then((forms) => ({ default: forms.RenameForm })));
const RemoveConfirm = lazy(() => import("./security-key-forms").then((forms) => ({ default: forms.RemoveConfirm })));

/** A key as the list shows it; times are ISO 8601, `lastUsed` already worded ("5 minutes ago"). */
export type SecurityKeyView = {
  id: string;
  name: string;
  addedAt: string;
  lastUsed: string | null;
  lastUsedAt: string | null;
  passkey: boolean;
  backedUp: boolean;
};

type Mode = "view" | "rename" | "remove";

/** Fetches the forms' code before it is needed (a pointer over the buttons, or focus on them). */
const preloadForms = () => void import("./security-key-forms").catch(() => undefined);

/** One key: its name and facts, with Rename (an inline form) and Remove (asks first; sudo). */
export function SecurityKeyRow({ entry, onStart, onDone }: { entry: SecurityKeyView; onStart: () => void; onDone: (message: string) => void }) {
  const t = useTranslations("keys.card");
  const [mode, setMode] = useState<Mode>("view");
  const renameButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  // Back from a form that was cancelled: focus returns to the button that opened it (numbered,
  // so a second cancel moves it too).
  const [returnTo, setReturnTo] = useState<{ from: Mode; n: number } | null>(null);
  useEffect(() => {
    if (returnTo?.from === "rename") renameButton.current?.focus();
    if (returnTo?.from === "remove") removeButton.current?.focus();
  }, [returnTo]);
  const open = (next: Mode) => {
    onStart();
    setMode(next);
  };
  const close = (from: Mode) => {
    setMode("view");
    setReturnTo((previous) => ({ from, n: (previous?.n ?? 0) + 1 }));
  };

  return (
    <li className="py-3 first:pt-0 last:pb-0">
      {mode === "rename" ? (
        <Suspense>
          <RenameForm entry={entry} onCancel={() => close("rename")} onRenamed={(name) => (setMode("view"), onDone(t("renamed", { name })))} />
        </Suspense>
      ) : (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="font-medium break-words text-slate-900">{entry.name}</span>
              <Badge>{entry.passkey ? t("passkey") : t("securityKey")}</Badge>
              {entry.backedUp && <Badge tone="green">{t("backedUp")}</Badge>}
            </p>
            <p className="mt-0.5 text-sm text-slate-600">
              {t.rich("added", { time: () => <LocalTime value={entry.addedAt} style="date" /> })}
              {" · "}
              {entry.lastUsed && entry.lastUsedAt
                ? t.rich("lastUsed", { ago: entry.lastUsed, time: (chunks) => <LocalTime value={entry.lastUsedAt!}>{chunks}</LocalTime> })
                : t("notUsed")}
            </p>
          </div>
          {mode === "view" && (
            <div className="flex shrink-0 gap-2" onPointerEnter={preloadForms} onFocus={preloadForms}>
              <button ref={renameButton} type="button" className={buttonClass("secondary")} aria-label={t("renameLabel", { name: entry.name })} onClick={() => open("rename")}>
                {t("rename")}
              </button>
              <button ref={removeButton} type="button" className={buttonClass("secondary")} aria-label={t("removeLabel", { name: entry.name })} onClick={() => open("remove")}>
                {t("remove")}
              </button>
            </div>
          )}
        </div>
      )}
      {mode === "remove" && (
        <Suspense>
          <RemoveConfirm entry={entry} onCancel={() => close("remove")} onRemoved={onDone} />
        </Suspense>
      )}
    </li>
  );
}
