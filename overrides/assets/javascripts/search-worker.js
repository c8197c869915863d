/* Site search: the web worker behind Material's search box, with MiniSearch as the engine.

   Depends on one Material internal, kept to this file: the messages Material's search box
   exchanges with its worker (mkdocs-material 9.8.1, src/templates/assets/javascripts/integrations/
   search/worker/message: SETUP 0, READY 1, QUERY 2, RESULT 3; a result is {items: SearchItem[][]},
   one list per page, each item {location, title, text, score, terms}). Material documents its
   worker as replaceable "as long as the web worker conforms" to these messages; overrides/main.html
   points the search box here, and tests/glue/test_search_worker_pin.py fails when the installed
   Material is not the version named above.

   Why not Material's own worker: its Japanese segmenter (TinySegmenter) cuts a word differently in
   the index and in the query, so 子育て or 見守り found nothing; and its index, both languages in
   one file, was fetched on every first visit.

   Here the text is cut the same way in the index and in the query:
   - text is normalised with NFKC and lower case (full-width = half-width, ＤＭＯ = dmo);
   - a run of Japanese script becomes overlapping pairs of characters (子育て: 子育 育て) plus
     its last character alone, so that any part of a word, of any length, is found;
   - any other run of letters or digits is a word, matched from its start (visit → visitors).
   MiniSearch finds and ranks the sections holding every token; a section is then kept only if
   it really contains each word typed (Japanese: anywhere; other words: at the start of a word),
   so a result never points to a section without the word.

   The page says its language in the worker's address (?lang=ja); the worker loads only that
   language's index (search/<lang>.json, written by macros/glue/search_index.py), and only when
   the reader first uses the search box. */
/* global MiniSearch, importScripts */
"use strict";

var MESSAGE = { SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 };

var JAPANESE = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\u30fc\u3005\u3006\u30f6";
var RUNS = new RegExp("([" + JAPANESE + "]+)|((?:(?![" + JAPANESE + "])[\\p{L}\\p{N}\\p{M}])+)", "gu");
var HAS_JAPANESE = new RegExp("[" + JAPANESE + "]", "u");
var HAS_TOKEN = new RegExp("[\\p{L}\\p{N}]", "u");
// a word other than Japanese matches at the start of a word: not after a letter or digit of its kind
var LATIN_BEFORE = "(?<!(?![" + JAPANESE + "])[\\p{L}\\p{N}\\p{M}])";
var SNIPPET_BEFORE = 40, SNIPPET_LENGTH = 160;

var lang = /^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(new URL(self.location.href).searchParams.get("lang") || "")
  ? new URL(self.location.href).searchParams.get("lang") : "ja";
var loading = null;

/** NFKC, lower case, one space between words, none around: the form both sides are compared in. */
function normalise(value) {
  return value.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Tokens of normalised text. In the index (query = false) a Japanese run also gives its last
    character alone; in a query a run of two or more characters gives its pairs only. */
function tokens(value, query) {
  var out = [];
  var m;
  RUNS.lastIndex = 0;
  while ((m = RUNS.exec(value)) !== null) {
    if (m[2]) { out.push(m[2]); continue; }
    var chars = Array.from(m[1]);
    if (chars.length === 1) { out.push(chars[0]); continue; }
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    if (!query) out.push(chars[chars.length - 1]);
  }
  return out;
}

function escapeRegExp(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A matcher for one word typed: anywhere when it holds Japanese, else at the start of a word. */
function matcher(word) {
  return new RegExp((HAS_JAPANESE.test(word) ? "" : LATIN_BEFORE) + escapeRegExp(word), "gu");
}

/** [start, end) of every match of any word in text (lower-cased, same length as shown). */
function ranges(text, matchers) {
  var found = [];
  matchers.forEach(function (re) {
    re.lastIndex = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      found.push([m.index, m.index + m[0].length]);
      if (m[0].length === 0) re.lastIndex++;
    }
  });
  found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
  var merged = [];
  found.forEach(function (r) {
    var last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r.slice());
  });
  return merged;
}

function escapeHtml(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** HTML of text[from, to) with the matches marked. */
function marked(text, found, from, to) {
  var html = "";
  var pos = from;
  found.forEach(function (r) {
    var start = Math.max(r[0], from), end = Math.min(r[1], to);
    if (end <= start || start < pos) return;
    html += escapeHtml(text.slice(pos, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>";
    pos = end;
  });
  return html + escapeHtml(text.slice(pos, to));
}

/** A short passage of the text around its first match, matches marked. */
function snippet(text, lower, matchers) {
  if (lower.length !== text.length) return escapeHtml(text.slice(0, SNIPPET_LENGTH));
  var found = ranges(lower, matchers);
  var first = found.length ? found[0][0] : 0;
  var from = Math.max(0, first - SNIPPET_BEFORE);
  var to = Math.min(text.length, from + SNIPPET_LENGTH);
  return (from > 0 ? "…" : "") + marked(text, found, from, to) + (to < text.length ? "…" : "");
}

function load() {
  if (!loading) {
    loading = new Promise(function (resolve) {
      importScripts(new URL("../vendor/minisearch.js", self.location.href).href);
      resolve();
    }).then(function () {
      return fetch(new URL("../../search/" + lang + ".json", self.location.href).href);
    }).then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      var docs = data.docs.map(function (d) {
        return { location: d[0], title: d[1], text: d[2], lowerTitle: d[1].toLowerCase(), lowerText: d[2].toLowerCase() };
      });
      var index = new MiniSearch({
        idField: "location",
        fields: ["lowerTitle", "lowerText"],
        tokenize: function (value) { return tokens(value, false); },
        processTerm: function (term) { return term; },
        searchOptions: {
          tokenize: function (value) { return tokens(value, true); },
          processTerm: function (term) { return term; },
          prefix: true,
          combineWith: "AND",
          boost: { lowerTitle: 4 }
        }
      });
      index.addAll(docs);
      var byLocation = new Map();
      docs.forEach(function (d) { byLocation.set(d.location, d); });
      return { index: index, docs: byLocation };
    });
  }
  return loading;
}

/** Material's result: one list per page, best page first; in each, the page and its sections. */
function search(engine, query) {
  var words = normalise(query).split(" ").filter(function (w) { return HAS_TOKEN.test(w); });
  if (!words.length) return { items: [] };
  var matchers = words.map(matcher);
  var contains = function (lower) {
    return function (re) { re.lastIndex = 0; return re.test(lower); };
  };
  var hits = engine.index.search(words.join(" "), {
    filter: function (result) {
      var doc = engine.docs.get(result.id);
      return matchers.every(function (re) {
        return contains(doc.lowerTitle)(re) || contains(doc.lowerText)(re);
      });
    }
  });
  var terms = {};
  words.forEach(function (w) { terms[w] = true; });
  var pages = new Map();
  hits.forEach(function (hit) {
    var doc = engine.docs.get(hit.id);
    var inTitle = matchers.every(contains(doc.lowerTitle));
    var item = {
      location: doc.location,
      title: doc.lowerTitle.length === doc.title.length
        ? marked(doc.title, ranges(doc.lowerTitle, matchers), 0, doc.title.length) : escapeHtml(doc.title),
      text: snippet(doc.text, doc.lowerText, matchers),
      // title and heading matches first, then MiniSearch's relevance (BM25)
      score: (inTitle ? 1000 : 0) + hit.score,
      terms: terms
    };
    var page = doc.location.split("#")[0];
    if (!pages.has(page)) pages.set(page, []);
    pages.get(page).push(item);
  });
  var items = Array.from(pages.entries()).map(function (entry) {
    var list = entry[1];
    list.sort(function (a, b) { return b.score - a.score; });
    if (!list.some(function (item) { return item.location === entry[0]; })) {
      var doc = engine.docs.get(entry[0]);
      if (doc) list.push({ location: doc.location, title: escapeHtml(doc.title), text: "", score: 0, terms: {} });
    }
    return list;
  });
  // The latest edition (at today's addresses) first; an earlier edition's pages (editions/<id>/) after it.
  var earlier = function (list) { return /(^|\/)editions\//.test(list[0].location) ? 1 : 0; };
  items.sort(function (a, b) { return earlier(a) - earlier(b) || b[0].score - a[0].score; });
  return { items: items };
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  if (message.type === MESSAGE.SETUP) {
    // The index Material fetched is configuration only; this language's index is loaded on first use.
    self.postMessage({ type: MESSAGE.READY });
  } else if (message.type === MESSAGE.QUERY) {
    var query = typeof message.data === "string" ? message.data : "";
    // Material sends the empty box once the worker is ready: nothing is loaded until a word is typed.
    if (!normalise(query)) {
      self.postMessage({ type: MESSAGE.RESULT, data: { items: [] } });
      return;
    }
    load().then(function (engine) {
      self.postMessage({ type: MESSAGE.RESULT, data: search(engine, query) });
    }).catch(function (error) {
      console.warn("search: " + error);
      self.postMessage({ type: MESSAGE.RESULT, data: { items: [] } });
    });
  } else {
    console.warn("search: unknown message from the search box", message.type);
  }
});
