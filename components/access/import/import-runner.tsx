"use client";

import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { cancelImportAction, importNextBatchAction } from "@/lib/actions/access/import";
import type { ImportProgress } from "@/lib/access/csv-import-batch";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import type { Message } from "@/lib/i18n/message";

type Props = { projectId: string; importId: string; initial: ImportProgress; locked: boolean; batchSize: number };

/**
 * **Import** with a real progress bar: one server action call per batch (each commits whole),
 * the bar advancing as each answers, until the import is done, cancelled or refused (the message
 * names the row). Another tab importing the same file only moves the same bar: each batch is
 * claimed once (lib/access/csv-import-batch.ts).
 */
export function ImportRunner({ projectId, importId, initial, locked, batchSize }: Props) {
  const t = useTranslations("accessImport");
  const text = useMessageText();
  const format = useFormatter();
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<Message | null>(null);
  const stop = useRef(false);
  const result = useRef<HTMLDivElement>(null);

  const form = () => {
    const data = new FormData();
    data.set("projectId", projectId);
    data.set("importId", importId);
    return data;
  };

  const run = async () => {
    setRunning(true);
    setFailure(null);
    stop.current = false;
    try {
      for (;;) {
        const answer = await importNextBatchAction(form());
        if (!answer.ok || !answer.progress) {
          setFailure(answer.message ?? { key: "errors.unexpected" });
          return;
        }
        setProgress(answer.progress);
        if (answer.progress.state === "done" || answer.progress.state === "cancelled" || stop.current) return;
      }
    } finally {
      setRunning(false);
    }
  };

  const cancel = async () => {
    stop.current = true;
    const answer = await cancelImportAction(form());
    if (answer.ok && answer.progress) setProgress(answer.progress);
    else if (answer.message) setFailure(answer.message);
  };

  const over = progress.state === "done" || progress.state === "cancelled";
  useEffect(() => {
    if (over) {
      result.current?.focus();
      router.refresh();
    }
  }, [over, router]);

  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
  return (
    <div className="space-y-4">
      {!over && !running && progress.done === 0 && <p className="text-sm text-slate-600">{t("preview.ready", { size: format.number(batchSize) })}</p>}
      {(running || progress.done > 0) && (
        <div className="space-y-1">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
            <span id="import-progress-label" className="font-medium text-slate-800">{t("run.progress")}</span>
            <span className="tabular-nums text-slate-600" data-testid="import-count">{t("run.count", { done: format.number(progress.done), total: format.number(progress.total) })}</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="import-progress-label"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.done}
            aria-valuetext={`${percent}%`}
            className="h-3 overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {failure && <Alert tone="error">{text(failure)}</Alert>}
      {over ? (
        <div className="space-y-3">
          <Alert tone={progress.state === "done" ? "success" : "warning"} ref={result}>
            {progress.state === "done" ? t("run.done", { total: format.number(progress.total) }) : t("run.cancelled", { done: format.number(progress.done), total: format.number(progress.total) })}
          </Alert>
          <div className="flex flex-wrap gap-3">
            <Link className={buttonClass("primary")} href={`/projects/${projectId}/access`}>
              {t("run.viewUsers")}
            </Link>
            <Link className={buttonClass("secondary")} href={`/projects/${projectId}/access/import`}>
              {t("run.again")}
            </Link>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-3">
          <Button onClick={run} disabled={locked || running}>
            {t("run.import")}
          </Button>
          {(running || progress.done > 0) && (
            <Button variant="secondary" onClick={cancel} disabled={locked}>
              {t("run.cancel")}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
