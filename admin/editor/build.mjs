// Builds admin/static/editor/{editor.js,editor.css,LICENSES.txt} from
// src/ with esbuild: one minified script and one stylesheet, no source
// maps, no eval, and the licence of every bundled package.
import { build } from "esbuild";
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";

const out = "../static/editor";

const result = await build({
  entryPoints: { editor: "src/editor.js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "OrgnewsEditor",
  target: ["es2020"],
  outdir: out,
  legalComments: "none",
  metafile: true,
  charset: "utf8",
  logLevel: "info",
});

// The licences of the packages whose code is in the bundle.
const used = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) used.add(m[1]);
}
const parts = [
  "The newsroom's body editor (admin/static/editor/editor.js and editor.css) bundles the\n" +
    "following packages from npm. Their licences follow.\n",
];
for (const name of [...used].sort()) {
  const dir = join("node_modules", name);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  if (!file || !existsSync(join(dir, file))) throw new Error(`${name}: no licence file`);
  parts.push(
    "=".repeat(72) + `\n${name} ${pkg.version} (${pkg.license})\n` + (pkg.homepage || pkg.repository?.url || "") + "\n\n" +
      readFileSync(join(dir, file), "utf8").trim() + "\n"
  );
}
writeFileSync(join(out, "LICENSES.txt"), parts.join("\n"));
