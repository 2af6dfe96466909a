import Link from "next/link";

/**
 * Not found inside the signed-in shell: the layout already has the page's <main>, so this
 * renders only its content (the root not-found.tsx brings its own <main> for public pages).
 */
export default function DashboardNotFound() {
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The page you asked for does not exist, or you do not have access to it.</p>
      <Link href="/security" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
        Go to Security
      </Link>
    </div>
  );
}
