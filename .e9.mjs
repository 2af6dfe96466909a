import { PGlite } from "@electric-sql/pglite";
import fs from "node:fs";
const buf = fs.readFileSync(process.argv[2]);
let t = performance.now();
const wasmModule = await WebAssembly.compile(fs.readFileSync("node_modules/@electric-sql/pglite/dist/pglite.wasm"));
console.log("compile", (performance.now()-t)|0);
const fsBundle = new Blob([fs.readFileSync("node_modules/@electric-sql/pglite/dist/pglite.data")]);
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const pg = new PGlite({ loadDataDir: new Blob([buf]), wasmModule, fsBundle }); await pg.waitReady;
  console.log("load w/ precompiled", (performance.now()-t)|0);
  if (i === 0 && process.argv[3]) { await pg.exec("CHECKPOINT"); const d = await pg.dumpDataDir("none"); fs.writeFileSync(process.argv[3], Buffer.from(await d.arrayBuffer())); console.log("size", d.size); }
  await pg.close();
}
t = performance.now();
const pg = new PGlite({ loadDataDir: new Blob([buf]) }); await pg.waitReady;
console.log("load plain", (performance.now()-t)|0);
