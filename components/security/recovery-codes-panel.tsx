"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A new set of recovery codes, shown this once, with ways to keep it. */
export function RecoveryCodesPanel({ codes, text, onDone }: { codes: string[]; text: string; onDone: () => void }) {
  const t = useTranslations("security.panel");
  const [copied, setCopied] = useState(false);
  const [saved, setSaved] = useState(false);
  // The panel replaces the button that was pressed (Verify, Regenerate): start reading here.
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => warning.current?.focus(), []);

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: "tessera-recovery-codes.txt" });
    link.click();
    URL.revokeObjectURL(url);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join("\n"));
    setCopied(true);
  };

  return (
    <div className="print-area space-y-4">
      <h3 className="hidden text-lg font-semibold print:block">{t("printTitle")}</h3>
      <Alert ref={warning} tone="warning">
        {t("warning")}
      </Alert>
      <ul data-testid="recovery-codes" className="grid grid-cols-1 gap-2 rounded-lg bg-slate-50 p-4 font-mono text-sm ring-1 ring-slate-200 sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ul>
      <div className="no-print flex flex-wrap gap-2">
        <Button variant="secondary" onClick={download}>
          {t("download")}
        </Button>
        <Button variant="secondary" onClick={() => window.print()}>
          {t("print")}
        </Button>
        <Button variant="secondary" onClick={copy}>
          {t("copy")}
        </Button>
        <span role="status" className="self-center text-sm text-emerald-700">
          {copied ? t("copied") : ""}
        </span>
      </div>
      <div className="no-print space-y-3 border-t border-slate-100 pt-4">
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" className="mt-0.5 h-4 w-4" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
          {t("savedCheck")}
        </label>
        <Button disabled={!saved} onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}
