// Builds the front end into engage/static/dist: GOV.UK Frontend compiled from our Sass (system fonts, our
// own header), the GOV.UK Frontend JavaScript module and our small init script. Each file is named after a
// hash of its content (engage.3f2a1b9c0d4e.css), so browsers may cache it for a year and an upgrade changes
// the URL; manifest.json maps the logical names the templates use to those names. The same sources give the
// same names on every machine. Each file also gets a .gz copy so WhiteNoise serves it compressed without
// compressing on every request. Older hashed files are left in place: pages rendered before a deploy still
// find theirs.
import { compile } from "sass";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const out = "engage/static/dist";
mkdirSync(out, { recursive: true });
const manifest = {};

function write(name, data, { gzip = true } = {}) {
  const hash = createHash("sha256").update(data).digest("hex").slice(0, 12);
  const dot = name.lastIndexOf(".");
  const hashed = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  writeFileSync(`${out}/${hashed}`, data);
  if (gzip) writeFileSync(`${out}/${hashed}.gz`, gzipSync(data, { level: 9 }));
  manifest[name] = hashed;
  return hashed;
}

const css = compile("engage/static/src/engage.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
write("engage.css", css.css);
const govuk = write(
  "govuk-frontend.min.js",
  readFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js"),
);
// engage.js imports GOV.UK Frontend by its file name: point it at the hashed one before hashing engage.js.
const script = readFileSync("engage/static/src/engage.js", "utf8");
if (!script.includes('"./govuk-frontend.min.js"')) throw new Error("engage.js no longer imports govuk-frontend.min.js");
write("engage.js", script.replace('"./govuk-frontend.min.js"', `"./${govuk}"`));
write("favicon.svg", readFileSync("engage/static/src/favicon.svg"), { gzip: false });
writeFileSync(`${out}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
console.log(`built ${out}: engage.css ${css.css.length} bytes, manifest.json`);
