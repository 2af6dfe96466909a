export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold text-slate-900 ${className}`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" className="h-6 w-6 text-brand-600">
        <rect x="3" y="3" width="8" height="8" rx="1.5" fill="currentColor" />
        <rect x="13" y="3" width="8" height="8" rx="1.5" fill="currentColor" opacity="0.55" />
        <rect x="3" y="13" width="8" height="8" rx="1.5" fill="currentColor" opacity="0.55" />
        <rect x="13" y="13" width="8" height="8" rx="1.5" fill="currentColor" />
      </svg>
      Tessera
    </span>
  );
}
