// Old Vietnamese encodings on paste: text from Word documents typed in
// TCVN3 (ABC, the .Vn fonts) or VNI (the VNI- fonts) reads "Céng hoµ x·
// héi" until converted. The tables in legacy.json are made from the news
// package's converters (go test ./admin -run TestEditorLegacyTables
// -update), so the editor converts as the server's sanitiser does; the
// rules below mirror news.LegacyFont and news.DetectLegacy.

import tables from "./legacy.json";

const syllable = new RegExp(tables.syllable);

/** legacyFont says which encoding a CSS font-family list's first font means: "tcvn3", "tcvn3caps", "vni" or null. */
export function legacyFont(family) {
  let f = String(family || "").split(",")[0].trim();
  f = f.replace(/^["']+|["']+$/g, "").trim().toLowerCase();
  if (f.startsWith(".vn") && f.length > 4) return f.endsWith("h") ? "tcvn3caps" : "tcvn3";
  if ((f.startsWith("vni-") || f.startsWith("vni ")) && f.length > 4) return "vni";
  return null;
}

/** convert returns s, typed in the encoding kind, in Unicode (NFC). */
export function convert(kind, s) {
  const chars = Array.from(s);
  let out = "";
  if (kind === "tcvn3" || kind === "tcvn3caps") {
    for (const c of chars) out += tables.tcvn3[c] || c;
    out = out.normalize("NFC");
    return kind === "tcvn3caps" ? out.toUpperCase() : out;
  }
  if (kind !== "vni") return s;
  for (let i = 0; i < chars.length; i++) {
    const pair = tables.vniPairs[chars[i] + (chars[i + 1] || "")];
    if (pair) {
      out += pair;
      i++;
    } else {
      out += tables.vniLetters[chars[i]] || chars[i];
    }
  }
  return out.normalize("NFC");
}

function isSyllable(w) {
  if (!/[^\x00-\x7f]/.test(w)) return w !== "";
  let tones = 0;
  const base = w
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, () => {
      tones++;
      return "";
    })
    .normalize("NFC");
  return tones <= 1 && syllable.test(base);
}

/**
 * detect says whether text with no font information is clearly typed in
 * TCVN3 or VNI ("tcvn3", "vni") or not (null), as news.DetectLegacy does.
 */
export function detect(text) {
  for (const c of text) {
    if (c.codePointAt(0) >= 0x100 && /\p{L}/u.test(c)) return null;
  }
  let words = 0;
  let asIs = 0;
  let tcvn = 0;
  let vni = 0;
  for (const w of text.split(/[\s\u00a0\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007f]+/)) {
    if (!/[\u00a1-\u00ff]/.test(w)) continue;
    words++;
    if (isSyllable(w)) asIs++;
    if (isSyllable(convert("tcvn3", w))) tcvn++;
    if (isSyllable(convert("vni", w))) vni++;
  }
  let best = tcvn;
  let kind = "tcvn3";
  if (vni > tcvn) {
    best = vni;
    kind = "vni";
  }
  if (words < 2 || best * 10 < words * 9 || best === Math.min(tcvn, vni) || best <= 2 * asIs) return null;
  return kind;
}

/** fontClasses returns the classes whose rules in html's style sheets name a legacy font, with its encoding. */
export function fontClasses(html) {
  const classes = new Map();
  for (const [, css] of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style\s*>/gi)) {
    for (const [, selectors, family] of css.matchAll(/([^{}]*)\{[^{}]*?font-family\s*:\s*([^;{}]*)/gi)) {
      const kind = legacyFont(family);
      for (const sel of selectors.split(",")) {
        const dot = sel.indexOf(".");
        const cls = dot < 0 ? "" : sel.slice(dot + 1).trim();
        if (cls && !/[\s.:>+~[]/.test(cls)) classes.set(cls.toLowerCase(), kind);
      }
    }
  }
  return classes;
}

// declaration returns the value of the last declaration of prop in the
// style attribute value css, or null, as news's paste clean-up reads it.
function declaration(css, prop) {
  let val = null;
  for (const decl of String(css || "").split(";")) {
    const i = decl.indexOf(":");
    if (i < 0 || decl.slice(0, i).trim().toLowerCase() !== prop) continue;
    val = decl
      .slice(i + 1)
      .trim()
      .toLowerCase()
      .replace(/!important$/, "")
      .trim();
  }
  return val;
}

/**
 * convertRuns converts, in place, the text under root whose font (the
 * innermost element naming one by its style, in the attribute styleAttr;
 * its face, for font; or its class, in classAttr, by classes) is a legacy
 * one. It answers whether any text was.
 */
export function convertRuns(root, classes, styleAttr, classAttr) {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let converted = false;
  const kinds = new Map();
  const kindOf = (el) => {
    if (!el || el === root) return null;
    if (kinds.has(el)) return kinds.get(el);
    let kind;
    const family = declaration(el.getAttribute(styleAttr), "font-family");
    if (family !== null) kind = legacyFont(family);
    else if (el.tagName === "FONT" && el.getAttribute("face")) kind = legacyFont(el.getAttribute("face"));
    else {
      const cls = (el.getAttribute(classAttr) || "").toLowerCase().split(/\s+/).find((c) => classes.has(c));
      kind = cls ? classes.get(cls) : kindOf(el.parentElement);
    }
    kinds.set(el, kind);
    return kind;
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const kind = kindOf(node.parentElement);
    if (kind) {
      node.data = convert(kind, node.data);
      converted = true;
    }
  }
  return converted;
}
