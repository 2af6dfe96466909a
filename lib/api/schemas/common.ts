import { z } from "zod";

/**
 * Shapes the API shares between routes: ids in paths, cursor pages, timestamps. Responses are
 * described with the same zod as requests, so the OpenAPI document says what the code does.
 */
export const uuidParam = z.uuid();
export const timestamp = z.iso.datetime().describe("RFC 3339 time, UTC");

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

/** ?cursor=&limit= of every listed collection; the cursor is the previous page's nextCursor. */
export const pageQuery = z.object({
  cursor: z.string().min(1).max(200).optional().describe("The previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT).describe(`Items per page, 1-${PAGE_LIMIT_MAX}`),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe("RFC 9457 problem details; `errors` lists the fields a 400 refused, in the caller's language");
