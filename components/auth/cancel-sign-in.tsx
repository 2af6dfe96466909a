import { signOutAction } from "@/lib/actions/auth/sign-out";

export function CancelSignIn() {
  return (
    <form action={signOutAction} className="mt-6 border-t border-slate-100 pt-4 text-center">
      <button type="submit" className="text-sm text-slate-600 hover:underline">
        Cancel and sign in as someone else
      </button>
    </form>
  );
}
