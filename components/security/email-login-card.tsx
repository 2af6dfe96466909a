"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { setEmailLoginVerificationAction } from "@/lib/actions/security/email-login";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { SudoPrompt } from "./sudo-prompt";
import { useProtectedAction } from "./use-protected-action";

export function EmailLoginCard({ enabled, emailVerified, replacedByTotp }: { enabled: boolean; emailVerified: boolean; replacedByTotp: boolean }) {
  const router = useRouter();
  const toggle = useProtectedAction((formData) => setEmailLoginVerificationAction({}, formData));
  const changed = toggle.state?.ok === true;
  useEffect(() => {
    if (changed) router.refresh();
  }, [changed, router]);

  const submit = (value: boolean) => {
    const formData = new FormData();
    formData.set("enabled", String(value));
    toggle.run(formData);
  };

  return (
    <Card
      title="Email login verification"
      description="At each sign-in, we email you a 6-digit code to enter after your password. It protects against stolen passwords but is not a second factor."
      actions={enabled ? <Badge tone={replacedByTotp ? "slate" : "green"}>{replacedByTotp ? "Not in use" : "On"}</Badge> : <Badge>Off</Badge>}
    >
      <div className="space-y-4">
        {replacedByTotp && (
          <Alert tone="info">Your authenticator app is on, so email login verification is no longer used at sign-in.</Alert>
        )}
        {!emailVerified && !enabled && !replacedByTotp && <Alert tone="warning">Verify your email address on the Account page to turn this on.</Alert>}
        {toggle.state?.message && toggle.state.code !== "sudo_required" && (
          <Alert tone={toggle.state.ok ? "success" : "error"}>{toggle.state.message}</Alert>
        )}
        {toggle.sudo ? (
          <SudoPrompt method={toggle.sudo} onVerified={toggle.retry} onCancel={toggle.reset} />
        ) : enabled ? (
          <Button variant="secondary" disabled={toggle.pending} onClick={() => submit(false)}>
            Turn off email login verification
          </Button>
        ) : (
          <Button variant="secondary" disabled={toggle.pending || !emailVerified || replacedByTotp} onClick={() => submit(true)}>
            Turn on email login verification
          </Button>
        )}
      </div>
    </Card>
  );
}
