"use client";

import { useTranslations } from "next-intl";
import { startTransition, useEffect, useRef, useState, type ReactNode } from "react";
import type { PhoneSendState } from "@/lib/actions/phone-send-state";
import type { SudoMethod } from "@/lib/actions/form-state";
import type { PhoneChannel } from "@/lib/sms/phone-text";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useMessageText } from "@/components/ui/message-text";
import { useFormAction } from "@/components/ui/use-form-action";

/**
 * Seconds until `iso`, ticking each second; null before the page is hydrated (the server's clock
 * is not the browser's, and without JavaScript nothing would tick: the buttons stay usable and
 * the server says when it is too early).
 */
export function useSecondsUntil(iso: string | undefined): number | null {
  const [now, setNow] = useState<number | null>(null);
  const target = iso ? Date.parse(iso) : 0;
  const left = now === null ? null : Math.max(0, Math.ceil((target - now) / 1000));
  useEffect(() => {
    if (now === null) {
      setNow(Date.now());
      return;
    }
    if (!left) return;
    // Wake at the next whole second before the target, so the number shown steps evenly.
    const timer = setTimeout(() => setNow(Date.now()), Math.max(50, (target - Date.now()) % 1000 || 1000));
    return () => clearTimeout(timer);
  }, [now, left, target]);
  return left;
}

type SendAction = (previous: PhoneSendState, formData: FormData) => Promise<PhoneSendState>;

/**
 * "Text me a code" / "Call me instead" / "Send again", for a number's code at sign-in, at the
 * sudo prompt or while verifying a new number: says how the last send went, and while the
 * throttle holds (one code per 30 seconds, 5 an hour) counts down to the next allowed send.
 * A plain form (hidden factorId, the channel from the button pressed), so it posts without
 * JavaScript too.
 */
export function PhoneCodeSender({
  action,
  factorId,
  usual,
  initial,
  sentMessage,
  onSent,
  renderSudo,
}: {
  action: SendAction;
  factorId: string;
  /** The number's usual channel, offered first. */
  usual: PhoneChannel;
  /** The first send's outcome, when the number was just entered; or only when the next send is allowed. */
  initial?: PhoneSendState;
  sentMessage: (channel: PhoneChannel) => string;
  onSent?: (channel: PhoneChannel) => void;
  /** A prompt in place of the buttons when the action asks for sudo; then `retry` sends again. */
  renderSudo?: (method: SudoMethod, retry: () => void, cancel: () => void) => ReactNode;
}) {
  const t = useTranslations("phone.challenge");
  const text = useMessageText();
  const last = useRef<FormData | null>(null);
  const [cancelled, setCancelled] = useState<PhoneSendState | null>(null);
  const [everSent, setEverSent] = useState(!!initial?.ok);
  const send: SendAction = async (previous, formData) => {
    last.current = formData;
    const next = await action(previous, formData);
    if (next.ok && next.channel) {
      setEverSent(true);
      onSent?.(next.channel);
    }
    return next;
  };
  const { state, pending, form } = useFormAction<PhoneSendState>(send, initial ?? {});
  const seconds = useSecondsUntil(state.retryAt);
  const waiting = seconds !== null && seconds > 0;
  const other: PhoneChannel = usual === "sms" ? "voice" : "sms";
  const askingSudo = state.code === "sudo_required" && state.sudo && renderSudo && cancelled !== state;

  if (askingSudo) {
    const retry = () => last.current && startTransition(() => form.action(last.current!));
    return <>{renderSudo(state.sudo!, retry, () => setCancelled(state))}</>;
  }
  return (
    <form {...form} className="space-y-3">
      {state.ok && state.channel ? (
        <Alert tone="success">{sentMessage(state.channel)}</Alert>
      ) : (
        state.message && state.code !== "sudo_required" && <Alert tone="error">{text(state.message)}</Alert>
      )}
      <input type="hidden" name="factorId" value={factorId} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button type="submit" name="channel" value={usual} variant={everSent ? "secondary" : "primary"} disabled={pending || waiting}>
          {everSent ? t(usual === "sms" ? "sendAgain" : "callAgain") : t(usual === "sms" ? "sendSms" : "sendVoice")}
        </Button>
        <button
          type="submit"
          name="channel"
          value={other}
          disabled={pending || waiting}
          className="text-sm font-medium text-brand-700 hover:underline disabled:text-slate-400 disabled:no-underline"
        >
          {t(other === "voice" ? "callInstead" : "textInstead")}
        </button>
      </div>
      {waiting && (
        <p className="text-sm text-slate-600">
          {seconds! <= 90 ? t("waitSeconds", { count: seconds! }) : t("waitMinutes", { minutes: Math.ceil(seconds! / 60) })}
        </p>
      )}
    </form>
  );
}
