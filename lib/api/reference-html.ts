import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import { messagesByLocale } from "@/lib/i18n/messages";
import type { JsonSchema, OpenApiDocument, Operation } from "./openapi";

/**
 * The API reference as one HTML page, rendered on the server from the OpenAPI document: no
 * script, no external style, font or CDN, so it works offline and under a CSP of
 * `default-src 'none'`. Its frame is in the reader's language; the operations read as the
 * document says them (English, like the API's field names).
 */
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function schemaText(schema: JsonSchema | undefined): string {
  return escape(JSON.stringify(schema ?? {}, null, 2));
}

/** A body that shows the shape: the first example a schema allows, roughly. */
function example(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return null;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const any = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (any?.length) return example(any[0], depth + 1);
  switch (schema.type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required as string[] | undefined) ?? Object.keys(properties));
      return Object.fromEntries(Object.entries(properties).filter(([name]) => required.has(name)).map(([name, value]) => [name, example(value, depth + 1)]));
    }
    case "array":
      return [example(schema.items as JsonSchema, depth + 1)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "string":
      return schema.format === "uuid" ? "00000000-0000-4000-8000-000000000000" : typeof schema.pattern === "string" && /0-9/.test(schema.pattern) ? "482916" : "text";
    default:
      return null;
  }
}

function curl(path: string, method: string, operation: Operation): string {
  const url = `$TESSERA_URL/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`)}`;
  const lines = [`curl -X ${method.toUpperCase()} "${url}"`, `  -H "Authorization: Bearer $TESSERA_API_KEY"`];
  if (operation.requestBody) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(example(operation.requestBody.content["application/json"].schema))}'`);
  }
  return lines.join(" \\\n");
}

export function referenceHtml(document: OpenApiDocument, locale: Locale, rateLimit: number): string {
  const t = createTranslator({ locale, messages: messagesByLocale[locale], namespace: "api.reference" });
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const anchor = (operation: Operation) => escape(operation.operationId);
  const sections = operations.map(({ path, method, operation }) => {
    const parameters = operation.parameters.length
      ? `<h4>${escape(t("parameters"))}</h4><div class="scroll" tabindex="0"><table><thead><tr><th scope="col">${escape(t("name"))}</th><th scope="col">${escape(t("in"))}</th><th scope="col">${escape(t("required"))}</th><th scope="col">${escape(t("schema"))}</th></tr></thead><tbody>${operation.parameters
          .map((p) => `<tr><td class="name"><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${escape(t(p.required ? "yes" : "no"))}</td><td><code>${escape(typeof p.schema.format === "string" ? `${String(p.schema.type)} (${p.schema.format})` : JSON.stringify(p.schema))}</code>${p.description ? `<br>${escape(p.description)}` : ""}</td></tr>`)
          .join("")}</tbody></table></div>`
      : "";
    const body = operation.requestBody ? `<h4>${escape(t("body"))}</h4><pre tabindex="0">${schemaText(operation.requestBody.content["application/json"].schema)}</pre>` : "";
    const responses = Object.entries(operation.responses)
      .map(([status, response]) => {
        const content = response.content?.["application/json"]?.schema;
        return `<li><strong>${status}</strong> ${escape(response.description)}${content ? `<details><summary>${escape(t("schema"))}</summary><pre tabindex="0">${schemaText(content)}</pre></details>` : ""}</li>`;
      })
      .join("");
    return `<section id="${anchor(operation)}" aria-labelledby="${anchor(operation)}-title">
<h3 id="${anchor(operation)}-title"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
<p class="summary">${escape(operation.summary)} · ${escape(t("scope"))}: <code>${operation["x-scope"]}</code></p>
${operation.description ? `<p>${escape(operation.description)}</p>` : ""}
${parameters}${body}
<h4>${escape(t("responses"))}</h4><ul class="responses">${responses}</ul>
<h4>${escape(t("example"))}</h4><pre tabindex="0">${escape(curl(path, method, operation))}</pre>
</section>`;
  });
  const contents = operations.map(({ path, method, operation }) => `<li><a href="#${anchor(operation)}"><span class="method ${method}">${method.toUpperCase()}</span> ${escape(path)}</a></li>`).join("");
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t("title"))}</title>
<style>
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 4rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:0 0 .25rem;word-break:break-all}h4{font-size:.9rem;margin:1rem 0 .25rem;color:#334155}
section{background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:#0f172a;color:#e2e8f0;padding:.75rem;border-radius:.375rem;overflow-x:auto;white-space:pre}
table{border-collapse:collapse;width:100%;font-size:.875rem}th,td{border-bottom:1px solid #e2e8f0;padding:.35rem .5rem;text-align:left;vertical-align:top}td code{word-break:break-all}td.name code{word-break:normal;white-space:nowrap}
.scroll{overflow-x:auto}.summary{color:#334155;margin:.25rem 0}
.method{display:inline-block;min-width:3.6rem;text-align:center;border-radius:.25rem;padding:0 .3rem;font:600 .75rem/1.6 ui-monospace,monospace;color:#fff;background:#475569}
.get{background:#1d4ed8}.post{background:#047857}.patch{background:#b45309}.delete{background:#b91c1c}
ul.contents{columns:2 22rem;padding-left:1rem}ul.contents a{color:#1e3a8a;text-decoration:none;word-break:break-all}ul.contents a:hover{text-decoration:underline}
a{color:#1d4ed8}.responses{padding-left:1.1rem}details summary{cursor:pointer;color:#1d4ed8}
</style></head>
<body><main>
<h1>${escape(t("title"))}</h1>
<p>${escape(t("intro"))}</p>
<p>${escape(t("rateLimit", { limit: rateLimit }))}</p>
<p><a href="/api/v1/openapi.json">${escape(t("openapi"))}</a></p>
<nav aria-labelledby="contents"><h2 id="contents">${escape(t("contents"))}</h2><ul class="contents">${contents}</ul></nav>
${sections.join("\n")}
</main></body></html>`;
}
