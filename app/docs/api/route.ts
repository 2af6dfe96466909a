import { referenceHtml } from "@/lib/api/reference-html";
import { openApiDocument } from "@/lib/api/openapi";
import { getEnv } from "@/lib/env";
import { DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { localeFromHeaders } from "@/lib/i18n/negotiate";

/**
 * The readable API reference at /docs/api (public, like the document it renders): HTML with no
 * script and nothing from elsewhere, under a CSP that allows only its own inline style. Not under
 * /api: next.config.ts gives every /api answer `default-src 'none'`, which refuses any style.
 */
export function GET(request: Request) {
  const locale = localeFromHeaders(request.headers) ?? DEFAULT_LOCALE;
  return new Response(referenceHtml(openApiDocument(), locale, getEnv().API_RATE_LIMIT_PER_MINUTE), {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-language": locale,
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "cache-control": "public, max-age=300",
      vary: "Accept-Language",
    },
  });
}
