"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">We could not show this page. Please try again.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white">
        Try again
      </button>
    </main>
  );
}
