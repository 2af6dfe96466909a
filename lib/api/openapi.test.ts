import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles, ROOT } from "@/test/source-files";
import { isApiRoute } from "./define-api-route";
import { API_ROUTES } from "./endpoints";
import { openApiDocument } from "./openapi";

/** Route files that describe the API rather than being part of it. */
const PUBLIC = new Set(["app/api/v1/openapi.json/route.ts", "app/docs/api/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const routeFiles = sourceFiles(["app/api/v1"]).map(({ file }) => file).filter((file) => file.endsWith("/route.ts") && !PUBLIC.has(file));

/** app/api/v1/projects/[projectId]/doors/[doorId]/route.ts → /projects/{projectId}/doors/{doorId} */
const openApiPath = (file: string) => `/${path.dirname(file).replace(/^app\/api\/v1\//, "")}`.replace(/\[(\w+)\]/g, "{$1}");

describe("OpenAPI covers every /api/v1 route", () => {
  it("finds the route files", () => {
    expect(routeFiles).toContain("app/api/v1/projects/[projectId]/doors/[doorId]/checks/route.ts");
  });

  it.each(routeFiles)("%s: each exported method is a defineApiRoute route of its path, listed in API_ROUTES and the document", async (file) => {
    const module = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const exported = Object.entries(module).filter(([name]) => METHODS.includes(name));
    expect(exported.length).toBeGreaterThan(0);
    const document = openApiDocument();
    for (const [method, handler] of exported) {
      expect(isApiRoute(handler), `${method} of ${file}`).toBe(true);
      const route = handler as (typeof API_ROUTES)[number];
      expect(API_ROUTES).toContain(route);
      expect(route.spec.method).toBe(method);
      expect(route.spec.path).toBe(openApiPath(file));
      const operation = document.paths[route.spec.path]?.[method.toLowerCase()];
      expect(operation, `${method} ${route.spec.path}`).toBeDefined();
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(["401", "404", "429"]));
    }
  });

  it("every route in API_ROUTES has a route file", () => {
    const files = new Set(routeFiles.map(openApiPath));
    for (const route of API_ROUTES) expect(files, route.spec.path).toContain(route.spec.path);
  });

  it("is OpenAPI 3.1 with bearer keys, problem+json refusals and JSON Schema 2020-12 bodies", () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(API_ROUTES.length);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    for (const operation of operations) {
      expect(operation.responses["401"]!.content!["application/problem+json"]).toBeDefined();
      for (const parameter of operation.parameters.filter((p) => p.in === "path")) expect(parameter.required).toBe(true);
    }
    const check = document.paths["/projects/{projectId}/doors/{doorId}/checks"]!.post!;
    expect(check.requestBody!.content["application/json"].schema).toMatchObject({ type: "object", properties: { facilityCode: expect.any(Object), cardNumber: expect.any(Object) } });
    expect(JSON.stringify(document)).not.toContain("$schema");
  });
});
