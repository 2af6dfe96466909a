import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { POLICY_VALUES } from "@/lib/policy/limits";
import type { EmailContext } from "../template";

/** Where "review your security" links point; one place to change if the route moves. */
export const SECURITY_SETTINGS_PATH = "/security";

const styles = {
  body: {
    backgroundColor: "#f6f7f9",
    // The system fonts carry CJK glyphs on every platform; no web font is loaded.
    fontFamily: "system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Yu Gothic', 'Noto Sans CJK JP', sans-serif",
  },
  container: { backgroundColor: "#ffffff", margin: "32px auto", padding: "32px", maxWidth: "520px" },
  brand: { color: "#4b5563", fontSize: "14px", fontWeight: 600, margin: "0 0 24px" },
  // Long German compounds and addresses must wrap inside the 520px column.
  heading: { color: "#111827", fontSize: "20px", fontWeight: 600, margin: "0 0 16px", overflowWrap: "anywhere", wordBreak: "break-word", hyphens: "auto" },
  text: { color: "#374151", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px", overflowWrap: "anywhere", wordBreak: "break-word", hyphens: "auto" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: 0, overflowWrap: "anywhere", wordBreak: "break-word", hyphens: "auto" },
} as const;

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** For t.rich: `<link>{url}</link>` in a message becomes a link to that address. */
export const linkTo = (href: string) => ({ url: href, link: (chunks: ReactNode) => <Link href={href}>{chunks}</Link> });

/** "Hi Ada," — or the language's greeting without a name. */
export function Greeting({ t, name }: Pick<EmailContext, "t"> & { name?: string | null }) {
  return <Paragraph>{name ? t("layout.greeting", { name }) : t("layout.greetingNoName")}</Paragraph>;
}

type EmailLayoutProps = Pick<EmailContext, "appUrl" | "locale" | "t" | "notMeLink"> & { preview: string; heading: string; children: ReactNode };

/**
 * The one frame every Tessera email shares: brand line, heading, body, quiet footer. A security
 * notice (notifyUser) also ends with its "This wasn't me" link, whatever its template says.
 */
export function EmailLayout({ appUrl, locale, t, notMeLink, preview, heading, children }: EmailLayoutProps) {
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>{t("layout.brand")}</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          {notMeLink && <NotMe appUrl={appUrl} t={t} link={notMeLink} />}
          <Hr />
          <Text style={styles.footer}>{t.rich("layout.footer", linkTo(appUrl))}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/**
 * The advice every security-change email ends with. With a "This wasn't me" link the layout
 * gives that instead (NotMe below): one way to act, not two.
 */
export function IfThisWasNotYou({ appUrl, t, notMeLink }: Pick<EmailContext, "appUrl" | "t" | "notMeLink">) {
  if (notMeLink) return null;
  return <Paragraph>{t.rich("layout.ifNotYou", linkTo(`${appUrl}${SECURITY_SETTINGS_PATH}`))}</Paragraph>;
}

/**
 * "This wasn't me": the recipient's own single-use link (app/(auth)/not-me), which after their
 * current password ends every session and trusted computer and asks for a new password.
 */
function NotMe({ appUrl, t, link }: Pick<EmailContext, "appUrl" | "t"> & { link: string }) {
  return (
    <>
      <Paragraph>{t("layout.notMe.body", { days: POLICY_VALUES.notMeDays })}</Paragraph>
      <Button href={link} style={{ backgroundColor: "#b91c1c", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "15px", marginBottom: "16px" }}>
        {t("layout.notMe.button")}
      </Button>
      <Paragraph>{t.rich("layout.orOpenLink", linkTo(link))}</Paragraph>
      <Paragraph>{t.rich("layout.notMe.forgotten", linkTo(`${appUrl}/forgot-password`))}</Paragraph>
    </>
  );
}
