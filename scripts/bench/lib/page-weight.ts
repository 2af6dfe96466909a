/**
 * What a page's HTML makes the browser load as JavaScript, by gzip size: the way issue 8
 * counts first-load JS (each file as `gzip -9` compresses it, plus the inline scripts).
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "./browser";
import { root } from "./servers";

/** `framework`: one of the build's root main files (Next.js's router and React), which every page loads. */
export type Chunk = { src: string; gzipBytes: number; framework: boolean };

export type PageWeight = {
  /** `<script src>` files a browser runs (module-capable browsers skip `nomodule` ones). */
  scripts: Chunk[];
  /** `<script nomodule src>`: Next's polyfills for browsers without ES modules; no current browser fetches them. */
  noModule: Chunk[];
  /** The inline scripts together (mostly the React Server Components payload), gzipped as one. */
  inlineGzipBytes: number;
  /** What the budget counts: the scripts plus the inline scripts. */
  totalGzipBytes: number;
};

const gzipSize = (text: string) => gzipSync(text, { level: 9 }).length;

/** Script files are immutable per build: each is fetched and compressed once per run. */
const sizes = new Map<string, Promise<number>>();

let framework: Set<string> | undefined;

/** The build's root main files (.next/build-manifest.json), as the HTML names them. */
function isFramework(src: string): boolean {
  framework ??= new Set(
    (JSON.parse(fs.readFileSync(path.join(root, ".next/build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles.map(
      (file) => `/_next/${file}`,
    ),
  );
  return framework.has(src.split("?")[0]!);
}

async function chunk(browser: Browser, src: string): Promise<Chunk> {
  let size = sizes.get(src);
  if (!size) {
    size = browser.get(src).then((answer) => {
      if (answer.status !== 200) throw new Error(`${src} answered HTTP ${answer.status}.`);
      return gzipSize(answer.text);
    });
    sizes.set(src, size);
  }
  return { src, gzipBytes: await size, framework: isFramework(src) };
}

/** Weighs the page at `pathname` as `browser` (with its cookies) gets it; it must answer 200. */
export async function weighPage(browser: Browser, pathname: string): Promise<PageWeight> {
  const page = await browser.get(pathname);
  if (page.status !== 200) throw new Error(`${pathname} answered HTTP ${page.status}${page.location ? ` → ${page.location}` : ""}, not the page.`);
  const tags = [...page.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map(([, attributes, body]) => ({
    src: /\ssrc="([^"]+)"/.exec(attributes!)?.[1] ?? null,
    noModule: /\snomodule\b/i.test(attributes!),
    body: body!,
  }));
  const external = tags.filter((tag) => tag.src !== null && /^\/_next\/.*\.js(\?|$)/.test(tag.src));
  const unique = (list: typeof external) => [...new Set(list.map((tag) => tag.src!))];
  const scripts = await Promise.all(unique(external.filter((tag) => !tag.noModule)).map((src) => chunk(browser, src)));
  const noModule = await Promise.all(unique(external.filter((tag) => tag.noModule)).map((src) => chunk(browser, src)));
  const inline = tags.filter((tag) => tag.src === null && tag.body.trim() !== "").map((tag) => tag.body).join("\n");
  const inlineGzipBytes = inline ? gzipSize(inline) : 0;
  const scriptBytes = scripts.reduce((sum, script) => sum + script.gzipBytes, 0);
  return { scripts, noModule, inlineGzipBytes, totalGzipBytes: scriptBytes + inlineGzipBytes };
}

/** Kilobytes as issue 8 writes them (1 KB = 1,000 bytes). */
export const kb = (bytes: number) => bytes / 1000;
