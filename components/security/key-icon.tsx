/** A key, beside the words of a security-key button. */
export function KeyIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="6.5" cy="13.5" r="3.5" />
      <path d="M9 11l7-7M13.5 6.5l2 2M11.5 8.5l1.5 1.5" />
    </svg>
  );
}
