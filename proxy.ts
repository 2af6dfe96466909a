import { NextResponse, type NextRequest } from "next/server";
import { checkActionRequest } from "@/lib/http/action-request";
import { PATH_HEADER } from "@/lib/http/path-header";

/**
 * Refuses malformed server action calls with a 4xx before Next.js turns them into a 500
 * (lib/http/action-request.ts), then sets a fresh nonce per request for a strict
 * Content-Security-Policy; Next.js puts it on its own scripts during rendering. The other
 * security headers are set for every route in next.config.ts.
 */
export async function proxy(request: NextRequest) {
  const refused = await checkActionRequest(request);
  if (refused) {
    return new NextResponse(refused.message, {
      status: refused.status,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = process.env.NODE_ENV === "development";
  const https = request.nextUrl.protocol === "https:";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  requestHeaders.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// Prefetches too: a `Purpose: prefetch` request can fetch a page's HTML, which must carry the
// policy like any other (and the router's RSC prefetches cost only a nonce).
export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};
