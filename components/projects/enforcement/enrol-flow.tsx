"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { RecoveryCodesState } from "@/lib/actions/security/two-factor";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import type { FirstMethod } from "@/components/security/method-chooser";
import { PhoneNumberForm, PhoneVerifyForm, type StartedPhone } from "@/components/security/phone-enrolment";
import { RecoveryCodesPanel } from "@/components/security/recovery-codes-panel";
import { RegisterKeyForm } from "@/components/security/register-key-form";
import { TotpSetup } from "./totp-setup";

/** What the flow shows: the choice, one method being set up, its new recovery codes, or done. */
type Step =
  | { kind: "choose" }
  | { kind: "method"; method: FirstMethod }
  | { kind: "codes"; codes: string[]; text: string }
  | { kind: "done" };

export type EnrolFlowProps = {
  /** The methods that count in this project, in order (no phone with Secure methods only). */
  methods: FirstMethod[];
  /** The method used before (User.lastFactorType), when it counts here. */
  preselected: FirstMethod;
  projectName: string;
  /** Where the member was going (already checked to be inside the project). */
  next: string;
  /** The page's verdict says the member complies now (after a confirmation re-rendered it). */
  compliant: boolean;
};

/**
 * A project's enrolment: pick a method (the one used before preselected), set it up with the
 * Security page's own forms, keep the recovery codes a first method brings (the screen is never
 * cut off), then continue where the member was going.
 */
export function EnrolFlow({ methods, preselected, projectName, next, compliant }: EnrolFlowProps) {
  const t = useTranslations("projectAccess.enrol");
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [choice, setChoice] = useState<FirstMethod>(methods.includes(preselected) ? preselected : methods[0]!);
  const [phone, setPhone] = useState<StartedPhone | null>(null);

  // A method confirmed: its recovery codes first when it brought some, then done.
  const confirmed = (codes: { recoveryCodes?: string[]; recoveryText?: string }) =>
    setStep(codes.recoveryCodes ? { kind: "codes", codes: codes.recoveryCodes, text: codes.recoveryText ?? "" } : { kind: "done" });
  const back = () => (setPhone(null), setStep({ kind: "choose" }));

  if (step.kind === "done" || (compliant && step.kind === "choose")) return <Done projectName={projectName} next={next} />;
  if (step.kind === "codes") return <RecoveryCodesPanel codes={step.codes} text={step.text} onDone={() => setStep({ kind: "done" })} />;
  if (step.kind === "method") {
    switch (step.method) {
      case "totp":
        return <TotpSetup onConfirmed={(state: RecoveryCodesState) => confirmed(state)} onCancel={back} />;
      case "webauthn":
        return (
          <div className="space-y-4">
            <h2 className="text-base font-semibold text-slate-900">
              <MethodName method="webauthn" />
            </h2>
            <RegisterKeyForm onStart={() => undefined} onRegistered={confirmed} />
            <Button variant="ghost" onClick={back}>
              {t("otherMethod")}
            </Button>
          </div>
        );
      case "phone":
        return phone ? (
          <PhoneVerifyForm started={phone} onVerified={confirmed} onCancel={back} />
        ) : (
          <PhoneNumberForm fallback={false} replacing={false} onStarted={setPhone} onCancel={back} />
        );
    }
  }
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-900">{t("choose")}</legend>
      {methods.map((method) => (
        <label key={method} className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 has-checked:bg-brand-50 has-checked:ring-brand-300">
          <input type="radio" name="method" value={method} checked={choice === method} onChange={() => setChoice(method)} className="mt-0.5 accent-brand-600" />
          <MethodText method={method} />
        </label>
      ))}
      <Button onClick={() => setStep({ kind: "method", method: choice })}>{t("continue")}</Button>
    </fieldset>
  );
}

/** The Security page's own words for each method ("security.twoFactor.methods"). */
function MethodText({ method }: { method: FirstMethod }) {
  const t = useTranslations("security.twoFactor.methods");
  return (
    <span>
      <span className="block text-sm font-medium text-slate-900">{t(method)}</span>
      <span className="block text-sm text-slate-600">{t(`${method}Detail`)}</span>
    </span>
  );
}

function MethodName({ method }: { method: FirstMethod }) {
  const t = useTranslations("security.twoFactor.methods");
  return <>{t(method)}</>;
}

function Done({ projectName, next }: { projectName: string; next: string }) {
  const t = useTranslations("projectAccess.enrol");
  const link = useRef<HTMLAnchorElement>(null);
  // The result replaces the form whose button had focus: the way on takes it.
  useEffect(() => link.current?.focus(), []);
  return (
    <div className="space-y-4">
      <Alert tone="success">
        <strong className="block font-semibold">{t("done")}</strong>
        {t("doneDetail", { project: projectName })}
      </Alert>
      <Link ref={link} href={next} className={buttonClass("primary")}>
        {t("toProject", { project: projectName })}
      </Link>
    </div>
  );
}
