import Link from "next/link";
import { Logo } from "@/components/ui/logo";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <Logo className="mb-6 text-xl" />
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The page you asked for does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Go to Tessera
      </Link>
    </main>
  );
}
