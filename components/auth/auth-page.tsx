import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";

/** The heading of a page in the auth card, with its one-line introduction. */
export function AuthHeading({ heading, intro }: { heading: ReactNode; intro?: ReactNode }) {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">{heading}</h1>
      {intro && <p className="mt-1 mb-6 text-sm text-slate-600">{intro}</p>}
    </>
  );
}

/** For t.rich: the <link> of a message becomes a link that never breaks inside (Japanese wraps anywhere otherwise). */
export const richLink = (href: string) =>
  function RichLink(chunks: ReactNode) {
    return (
      <Link href={href} className="inline-block font-medium text-brand-700 hover:underline">
        {chunks}
      </Link>
    );
  };

/** The line under a form that leads elsewhere ("Already have an account? Sign in"). */
export function AuthFooter({ children }: { children: ReactNode }) {
  return <p className="mt-6 text-center text-sm text-slate-600">{children}</p>;
}

/**
 * A page an emailed link opens (verify an address, confirm an email change): the form that
 * spends the token, or a way on when the link arrived incomplete.
 */
export async function TokenLinkPage({
  namespace,
  token,
  form,
  incompleteHref,
}: {
  namespace: "auth.verifyEmail" | "auth.confirmEmailChange";
  token: string | string[] | undefined;
  form: (token: string) => ReactNode;
  incompleteHref: string;
}) {
  const t = await getTranslations(namespace);
  const complete = typeof token === "string" && token.length > 0;
  return (
    <>
      <AuthHeading heading={t("heading")} intro={complete ? t("intro") : undefined} />
      {complete ? (
        form(token)
      ) : (
        <Alert tone="error" className="mt-4">
          {t.rich("incomplete", {
            link: (chunks) => (
              <Link href={incompleteHref} className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      )}
    </>
  );
}

/** A centred link under a form to another way of doing the same ("Use a recovery code"). */
export function AuthAside({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mt-4 text-center text-sm">
      <Link href={href} className="font-medium text-brand-700 hover:underline">
        {children}
      </Link>
    </p>
  );
}
