import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/http/action-request";

// Headers are compiled into the build. HSTS is sent by every production build: browsers only
// honour it over HTTPS, so a plain-http localhost demo is unaffected.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // proxy.ts answers 413 past the same limit, before Next.js would answer 500.
  experimental: { serverActions: { bodySizeLimit: ACTION_BODY_LIMIT_BYTES } },
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "nodemailer"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages get a nonce-based CSP from proxy.ts; API answers are data and may load nothing.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

// Translations: lib/i18n/request.ts picks the language per request (no locale in the URL).
// Messages are compiled from ICU text at build time (icu-minify), so neither the browser nor the
// server carries the ICU parser or parses a message per request; messages/<locale>/*.json stay
// the source. Code run outside the build (vitest, tsx scripts) reads the JSON as text and
// formats it with the parser, as before.
export default createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: ["en", "ja", "de"], precompile: true } },
})(nextConfig);
