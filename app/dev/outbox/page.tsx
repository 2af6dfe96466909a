import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { Logo } from "@/components/ui/logo";
import { isDevelopment } from "@/lib/env";
import { listOutbox } from "@/lib/email";
import { splitLinks } from "@/lib/email/link-text";
import { LocalTime } from "@/components/ui/local-time";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("email.outbox");
  return { title: t("title") };
}

function Linked({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, index) =>
        part.href ? (
          <a key={index} href={part.href} className="text-brand-700 underline break-all">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** Development only: the messages Tessera would have sent, newest first. */
export default async function OutboxPage() {
  // Per request only: a prerender at build time would open the database from the build worker.
  await connection();
  if (!isDevelopment()) notFound();
  const [messages, t] = await Promise.all([listOutbox(50), getTranslations("email.outbox")]);
  return (
    <main className="mx-auto max-w-3xl px-4 py-8">
      <div className="mb-6 flex items-center justify-between">
        <Logo />
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{t("badge")}</span>
      </div>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("description")}</p>
      {messages.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ol className="space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
              <article aria-label={message.subject}>
                <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="font-semibold break-words">{message.subject}</h2>
                  <span className="text-xs text-slate-500">
                    <LocalTime value={message.createdAt.toISOString()} />
                  </span>
                </header>
                <p className="mb-3 text-xs break-words text-slate-500">
                  {t.rich("sentTo", {
                    channel: message.channel,
                    address: message.to,
                    to: (chunks) => <span className="font-medium text-slate-700">{chunks}</span>,
                  })}
                </p>
                <pre className="font-sans text-sm whitespace-pre-wrap text-slate-800">
                  <Linked text={message.text} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
