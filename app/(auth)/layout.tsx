import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center sm:py-16">
      <Logo className="mb-8 text-xl" />
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
      <p className="mt-8 max-w-sm text-center text-xs text-slate-500">Tessera keeps your account safe with two-factor authentication and a log of every security change.</p>
    </main>
  );
}
