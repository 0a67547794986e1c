// Formats reference entries and locator citations with citeproc-js (the CSL processor Zotero
// uses), to produce the expected outputs the citeproc-py based formatter is tested against.
// Usage (see make_expected_entries.py, which prepares the arguments):
//   node make_expected_entries.js ITEMS.json STYLE.csl LOCALE.xml OUT.json LOCATORS.json CITES.json
// citeproc-js must be resolvable, e.g. NODE_PATH=<dir>/node_modules after `npm install citeproc@2.4.63`.
"use strict";
const fs = require("fs");
const CSL = require("citeproc");

const [itemsPath, stylePath, localePath, outPath, locatorsPath, citesPath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const sample = {id: "locator-sample", type: "article-journal", title: "T", author: [{family: "Doe", given: "J"}],
                issued: {"date-parts": [[2020]]}};
byId[sample.id] = sample;
const sys = {
  retrieveLocale: () => fs.readFileSync(localePath, "utf8"),
  retrieveItem: (id) => byId[id],
};
const style = fs.readFileSync(stylePath, "utf8");

const engine = new CSL.Engine(sys, style, "en-US", true);
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

const cite = (locator) => {
  const citer = new CSL.Engine(sys, style, "en-US", true);
  citer.updateItems([sample.id]);
  const item = locator ? {id: sample.id, label: locator[0], locator: locator[1]} : {id: sample.id};
  const result = citer.processCitationCluster({citationItems: [item], properties: {noteIndex: 0}}, [], []);
  return result[1][0][1];
};
const cites = {without: cite(null), with: {}};
for (const locator of JSON.parse(fs.readFileSync(locatorsPath, "utf8"))) {
  cites.with[locator.join(" ")] = cite(locator);
}
fs.writeFileSync(citesPath, JSON.stringify({ engine: "citeproc-js " + CSL.PROCESSOR_VERSION, ...cites }, null, 2) + "\n");
