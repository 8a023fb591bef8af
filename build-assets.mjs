// Builds the front end into engage/static/dist: GOV.UK Frontend compiled from our Sass (system fonts, our
// own header), the GOV.UK Frontend JavaScript module and our small init script. Each file also gets a
// .gz copy so WhiteNoise can serve it compressed without compressing on every request.
import { compile } from "sass";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const out = "engage/static/dist";
mkdirSync(out, { recursive: true });

function write(name, data) {
  writeFileSync(`${out}/${name}`, data);
  writeFileSync(`${out}/${name}.gz`, gzipSync(data, { level: 9 }));
}

const css = compile("engage/static/src/engage.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
write("engage.css", css.css);
write("govuk-frontend.min.js", readFileSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js"));
write("engage.js", readFileSync("engage/static/src/engage.js"));
copyFileSync("engage/static/src/favicon.svg", `${out}/favicon.svg`);
console.log(`built ${out}: engage.css ${css.css.length} bytes`);
