// Formats reference entries with citeproc-js (the CSL processor Zotero uses), to produce
// the expected outputs the citeproc-py based formatter is tested against.
// Usage (see make_expected_entries.py, which prepares the arguments):
//   node make_expected_entries.js ITEMS.json STYLE.csl LOCALE.xml OUT.json
// citeproc-js must be resolvable, e.g. NODE_PATH=<dir>/node_modules after `npm install citeproc`.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [itemsPath, stylePath, localePath, outPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: () => fs.readFileSync(localePath, "utf8"),
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "en-US", true);
engine.opt.development_extensions.wrap_url_and_doi = process.env.WRAP_URL_AND_DOI === "1";
engine.updateItems(items.map((item) => item.id));
const [params, entries] = engine.makeBibliography();
const out = {};
params.entry_ids.forEach((ids, index) => {
  let html = entries[index].trim();
  html = html.replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "");
  out[ids[0]] = html.trim();
});
fs.writeFileSync(outPath, JSON.stringify({ engine: "citeproc-js " + CSL.PROCESSOR_VERSION, entries: out }, null, 2) + "\n");
