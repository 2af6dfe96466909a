import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** Where "review your security" links point; one place to change if the route moves. */
export const SECURITY_SETTINGS_PATH = "/security";

const styles = {
  body: { backgroundColor: "#f6f7f9", fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif" },
  container: { backgroundColor: "#ffffff", margin: "32px auto", padding: "32px", maxWidth: "520px" },
  brand: { color: "#4b5563", fontSize: "14px", fontWeight: 600, margin: "0 0 24px" },
  heading: { color: "#111827", fontSize: "20px", fontWeight: 600, margin: "0 0 16px" },
  text: { color: "#374151", fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  footer: { color: "#6b7280", fontSize: "12px", lineHeight: "18px", margin: 0 },
} as const;

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

type EmailLayoutProps = { appUrl: string; preview: string; heading: string; children: ReactNode };

/** The one frame every Tessera email shares: brand line, heading, body, quiet footer. */
export function EmailLayout({ appUrl, preview, heading, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.brand}>Tessera</Text>
          <Heading as="h1" style={styles.heading}>
            {heading}
          </Heading>
          {children}
          <Hr />
          <Text style={styles.footer}>
            You are receiving this because of activity on your Tessera account at{" "}
            <Link href={appUrl}>{appUrl}</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

/** The advice every security-change email ends with. */
export function IfThisWasNotYou({ appUrl }: { appUrl: string }) {
  const settings = `${appUrl}${SECURITY_SETTINGS_PATH}`;
  return (
    <Paragraph>
      If this wasn&apos;t you, someone may know your password. Sign in now, change your password and
      review your two-factor settings at <Link href={settings}>{settings}</Link>. If you can no longer
      sign in, contact your Tessera administrator.
    </Paragraph>
  );
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "long", timeStyle: "short" });

/** Emails don't know the reader's time zone, so times are spelled out in UTC. */
export function formatUtc(date: Date): string {
  return `${timeFormat.format(date)} UTC`;
}
