import { z } from "zod";
import { problemStatus, successStatus, type ApiRoute } from "./define-api-route";
import { API_ROUTES } from "./endpoints";
import { problemSchema } from "./schemas/common";

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the routes' own zod schemas
 * (z.toJSONSchema, draft 2020-12, which OpenAPI 3.1 uses): what a request may carry is the
 * input side of the schema that validates it; what an answer holds is the output side of its
 * response schema. Served at /api/v1/openapi.json and rendered by the reference page.
 */
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: { bearer: [] }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown>; responses: Record<string, unknown> };
};

export type Parameter = { name: string; in: "path" | "query"; required: boolean; description?: string; schema: JsonSchema };
export type JsonSchema = Record<string, unknown>;
export type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-scope": "read" | "write";
  parameters: Parameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; $ref?: string }>;
};

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
};

const REFUSALS: Record<number, string> = {
  400: "The parameters, query or body are not valid (`errors` says which and why)",
  401: "No key, or a key that is malformed, unknown, revoked or expired",
  403: "The key lacks the scope, or the key's access does not allow this",
  404: "No such project for this key, or no such item",
  413: "The body is over 1 MB",
  415: "The body is not application/json",
  429: "Over the key's rate limit: wait Retry-After seconds",
};

function operationOf(route: ApiRoute): Operation {
  const { spec } = route;
  const pathNames = [...spec.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const paramShapes = spec.params ? (jsonSchema(spec.params, "input").properties as Record<string, JsonSchema>) : {};
  const parameters: Parameter[] = pathNames.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: name === "projectId" ? { type: "string", format: "uuid" } : (paramShapes[name] ?? { type: "string" }),
  }));
  if (spec.query) {
    const query = jsonSchema(spec.query, "input");
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: "query", required: required.has(name), ...(typeof description === "string" ? { description } : {}), schema: rest });
    }
  }
  const status = successStatus(spec);
  const success = spec.responses[status];
  const responses: Operation["responses"] = {
    [status]: { description: status === 201 ? "Created" : status === 204 ? "Done, no content" : "OK", ...(success ? { content: { "application/json": { schema: jsonSchema(success, "output") } } } : {}) },
  };
  const statuses = new Set([400, 401, 403, 404, 429, ...(spec.body ? [413, 415] : []), ...(spec.refusals ?? []).map(problemStatus)]);
  for (const code of [...statuses].sort()) {
    responses[code] = { description: REFUSALS[code] ?? "Refused: `code` says why", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };
  }
  const words = spec.path.replace(/\{\w+\}/g, "").split(/[/-]/).filter(Boolean).map((word, n) => (n === 0 ? word : word[0]!.toUpperCase() + word.slice(1)));
  return {
    operationId: `${spec.method.toLowerCase()}${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join("")}${pathNames.length > 1 ? "Item" : ""}`,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    "x-scope": spec.scope,
    parameters,
    ...(spec.body ? { requestBody: { required: true as const, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } } : {}),
    responses,
  };
}

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const paths: OpenApiDocument["paths"] = {};
  const operationIds = new Set<string>();
  for (const route of API_ROUTES) {
    const operation = operationOf(route);
    while (operationIds.has(operation.operationId)) operation.operationId += "_";
    operationIds.add(operation.operationId);
    (paths[route.spec.path] ??= {})[route.spec.method.toLowerCase()] = operation;
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Tessera API",
      version: "1",
      description:
        "Access control of a project: access users, their cards and keypad codes, doors and door checks, and the project's 2FA compliance and audit log. " +
        "Authenticate with a project API key: `Authorization: Bearer tsk_…`. Each key has the scopes read and/or write and a rate limit per minute. " +
        "Errors are RFC 9457 problem details (application/problem+json).",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearer: [] }],
    tags: [...new Set(API_ROUTES.flatMap((route) => route.spec.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "tsk_<prefix>_<secret>", description: "A project API key, created on the project's API keys page" } },
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      responses: {},
    },
  };
  return cached;
}
