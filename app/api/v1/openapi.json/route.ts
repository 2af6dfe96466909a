import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 document of /api/v1 (public: it describes the API, it opens nothing). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}
