import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import compile from "icu-minify/compile";
import format from "icu-minify/format";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "@/lib/errors";
import { POLICY_VALUES } from "@/lib/policy/limits";
import { sourceFiles } from "@/test/source-files";
import { LOCALES } from "./locales";
import { messagesByLocale, pickMessages } from "./messages";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The names a message fills in ({count}, {minutes}…), whatever the language does with them. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      argumentsOf(element.children, into);
    }
  }
  return into;
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(messagesByLocale[locale] as unknown as Tree)])) as Record<(typeof LOCALES)[number], Map<string, string>>;
const english = flat.en;

describe("messages", () => {
  it("English has words", () => {
    expect(english.size).toBeGreaterThan(100);
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))("%s has exactly the English keys, none missing, none extra", (locale) => {
    const keys = [...flat[locale].keys()];
    expect([...english.keys()].filter((key) => !flat[locale].has(key))).toEqual([]);
    expect(keys.filter((key) => !english.has(key))).toEqual([]);
  });

  it.each(LOCALES)("%s: every message parses and fills in the same values as English", (locale) => {
    const problems: string[] = [];
    for (const [key, text] of flat[locale]) {
      if (!text.trim()) problems.push(`${key}: empty`);
      let mine: Set<string>;
      try {
        mine = argumentsOf(parse(text));
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const theirs = argumentsOf(parse(english.get(key) ?? ""));
      const differ = [...mine].filter((name) => !theirs.has(name)).concat([...theirs].filter((name) => !mine.has(name)));
      // A translation may drop a value English shows (Japanese has no plural "#"), never invent one.
      const invented = [...mine].filter((name) => !theirs.has(name));
      if (invented.length) problems.push(`${key}: ${differ.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  it("Japanese is written in Japanese, not left in English", () => {
    // A single token may stay as it is (Tessera, auth.sign_in, xxxxx-xxxxx-xxxxx); English words in a row may not.
    const untranslated = [...flat.ja].filter(([key, text]) => /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) && !/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) && text === english.get(key));
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it("German is not a copy of the English", () => {
    const copied = [...flat.de].filter(([key, text]) => text === english.get(key) && /\b(the|and|your|you|with|to)\b/i.test(text));
    expect(copied.map(([key]) => key)).toEqual([]);
  });

  it.each(LOCALES)("%s: what the server hands out (errors, validation, notices) fills in from the policy's numbers and the values actions pass", (locale) => {
    // The values actions add to POLICY_VALUES (lib/i18n/message.ts); anything else would show as "{name}".
    const passed = { ...POLICY_VALUES, count: 2, email: "ada@example.com", newEmail: "new@example.com", currentEmail: "old@example.com" };
    const unfilled: string[] = [];
    for (const [key, text] of flat[locale]) {
      if (!/^(errors|validation|notices)\./.test(key)) continue;
      try {
        new IntlMessageFormat(text, locale).format(passed);
      } catch (error) {
        unfilled.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(unfilled).toEqual([]);
  });

  it.each(LOCALES)("%s: every message reads the same compiled at build time (next.config.ts precompile) as parsed at run time", (locale) => {
    // Pages format compiled messages (icu-minify); emails in tests and scripts parse the JSON. Both must say the same.
    const formatters = {
      getDateTimeFormat: (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => new Intl.DateTimeFormat(...args),
      getNumberFormat: (...args: ConstructorParameters<typeof Intl.NumberFormat>) => new Intl.NumberFormat(...args),
      getPluralRules: (...args: ConstructorParameters<typeof Intl.PluralRules>) => new Intl.PluralRules(...args),
    };
    const differ: string[] = [];
    for (const [key, text] of flat[locale]) {
      for (const count of [0, 1, 2, 5]) {
        const values: Record<string, string | number | ((chunks: unknown[]) => string)> = {};
        for (const name of argumentsOf(parse(english.get(key) ?? text))) {
          if (name.startsWith("<")) values[name.slice(1, -1)] = (chunks) => `[${chunks.join("")}]`;
          else values[name] = /^(purpose|channel)$/.test(name) ? "other" : /count|minutes|remaining|hours|days|Minutes|Codes|Days|Length|Digits|attempts|^success$|^failure$/.test(name) ? count : `‹${name}›`;
        }
        const parsed = [new IntlMessageFormat(text, locale).format(values)].flat().join("");
        const compiled = [format(compile(text), locale, values, { formatters })].flat().join("");
        if (parsed !== compiled) differ.push(`${key} (${count}): ${JSON.stringify(parsed)} ≠ ${JSON.stringify(compiled)}`);
      }
    }
    expect(differ).toEqual([]);
  });

  it("actions say what happened through notice(), which fills in the policy's numbers", () => {
    const literal = sourceFiles(["lib/actions"]).filter(({ text }) => /message: \{\s*key:/.test(text)).map(({ file }) => file);
    expect(literal).toEqual([]);
  });

  it("every error code has its words", () => {
    expect(ERROR_CODES.filter((code) => !english.has(`errors.${code}`))).toEqual([]);
  });

  it("every message key the server hands out exists", () => {
    const missing: string[] = [];
    for (const { file, text } of sourceFiles(["app", "components", "lib"])) {
      for (const [, key] of text.matchAll(/["'`]((?:errors|validation|notices)\.[A-Za-z_]+)["'`]/g)) {
        if (!english.has(key!)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("pickMessages", () => {
  it("keeps only the namespaces asked for, at their place in the tree", () => {
    const picked = pickMessages(messagesByLocale.en, ["common", "auth.language", "security.sudo"]);
    expect(Object.keys(picked).sort()).toEqual(["auth", "common", "security"]);
    expect(picked).toEqual({
      common: messagesByLocale.en.common,
      auth: { language: messagesByLocale.en.auth.language },
      security: { sudo: messagesByLocale.en.security.sudo },
    });
  });

  it("refuses a namespace that does not exist, so a typo fails loudly instead of showing keys", () => {
    expect(() => pickMessages(messagesByLocale.en, ["security.nope"])).toThrow(/security\.nope/);
  });
});
