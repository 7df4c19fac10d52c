// HTML in and out of the editor under Trusted Types.
//
// The newsroom's pages run with require-trusted-types-for 'script' and
// allow one policy, "orgnews-editor". Every string the editor parses as
// HTML (a paste, a drop, the body the server returns) goes through that
// policy, whose createHTML cleans it with DOMPurify, and is parsed into an
// inert document (DOMParser: no scripts run, nothing loads); ProseMirror's
// schema parser then keeps only what the body model knows. ProseMirror's
// own clipboard reader would create a policy of its own, which the CSP
// refuses, so paste and drop of HTML are handled here instead.

import DOMPurify from "dompurify";
import { DOMParser as PMParser, DOMSerializer } from "prosemirror-model";
import { fontClasses, convertRuns } from "./legacy.js";

// Chromium applies the page's CSP to documents that DOMParser makes:
// parsing a style attribute, a style element or an event handler
// attribute reports a violation even though nothing applies or runs. So
// before any parse, style elements go, style attributes are renamed to
// styleAttr (Google Docs marks bold and italic with styles, Word marks
// its list paragraphs with mso-list, and alignment is kept) and event
// handler attributes are renamed to be dropped. These renames only spare
// the reports: DOMPurify and then the schema decide what is kept, and
// styles come back only through CSSOM, which the CSP allows.
const styleAttr = "data-orgnews-style";
// Classes are kept under classAttr until the text in a legacy font (one
// a class of the fragment's style sheet may name) is converted.
const classAttr = "data-orgnews-class";

function defuse(html) {
  let out = html.replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, "");
  // One attribute per tag at each pass, until none is left.
  for (let prev = ""; prev !== out; ) {
    prev = out;
    out = out.replace(/(<[a-z][^<>]*?\s)(style|class|on[a-z]+)(\s*=)/gi, (m, tag, name, eq) => {
      const n = name.toLowerCase();
      return tag + (n === "style" ? styleAttr : n === "class" ? classAttr : "data-orgnews-on") + eq;
    });
  }
  return out;
}

const purifyConfig = {
  FORBID_TAGS: ["style", "svg", "math", "form", "input", "button", "textarea", "select"],
  FORBID_ATTR: ["class", "id", "style"],
  ALLOW_DATA_ATTR: false,
  ADD_ATTR: [styleAttr, classAttr],
  // Not a URL: without this DOMPurify drops a value with a colon.
  ADD_URI_SAFE_ATTR: [styleAttr, classAttr],
  RETURN_TRUSTED_TYPE: false,
};

// makePolicy creates the page's one Trusted Types policy. DOMPurify needs
// the policy itself to parse the markup it cleans into its inert document,
// so while a sanitize call runs, the policy hands DOMPurify's own parse
// the string unchanged; any other call is cleaned.
function makePolicy() {
  const tt = globalThis.trustedTypes;
  if (!tt || typeof tt.createPolicy !== "function") {
    return { createHTML: (s) => DOMPurify.sanitize(defuse(s), { ...purifyConfig, TRUSTED_TYPES_POLICY: null }) };
  }
  let cleaning = 0;
  let policy = null;
  policy = tt.createPolicy("orgnews-editor", {
    createHTML(input) {
      if (cleaning > 0) return input;
      cleaning++;
      try {
        return DOMPurify.sanitize(defuse(input), { ...purifyConfig, TRUSTED_TYPES_POLICY: policy });
      } finally {
        cleaning--;
      }
    },
    createScriptURL() {
      throw new TypeError("orgnews-editor: no script URLs");
    },
  });
  return policy;
}

/** An HTMLCodec parses HTML into documents and slices of a schema, and serialises them back. */
export class HTMLCodec {
  constructor(schema) {
    this.schema = schema;
    this.parser = PMParser.fromSchema(schema);
    this.serializer = DOMSerializer.fromSchema(schema);
    this.policy = policyFor(globalThis);
    this.out = document.implementation.createHTMLDocument("");
  }

  // body parses html into the body of an inert document, cleaned by the
  // policy, with text in a legacy Vietnamese font converted to Unicode
  // (this.converted says whether there was any), Word's list paragraphs
  // turned into lists, empty paragraphs dropped (as the server does) and
  // styles put back.
  body(html) {
    const doc = new DOMParser().parseFromString(this.policy.createHTML(html), "text/html");
    this.converted = convertRuns(doc.body, fontClasses(html), styleAttr, classAttr);
    for (const el of Array.from(doc.body.querySelectorAll("[" + classAttr + "]"))) el.removeAttribute(classAttr);
    wordLists(doc.body);
    for (const el of Array.from(doc.body.querySelectorAll("p, h1, h2, h3, h4, h5, h6"))) {
      if (!el.querySelector("img") && !/[^\s\u00a0]/.test(el.textContent)) el.remove();
    }
    for (const el of Array.from(doc.body.querySelectorAll("[" + styleAttr + "]"))) {
      el.style.cssText = el.getAttribute(styleAttr);
      el.removeAttribute(styleAttr);
    }
    return doc.body;
  }

  parse(html) {
    return this.parser.parse(this.body(html || ""));
  }

  parseSlice(html, $context) {
    return this.parser.parseSlice(this.body(html), { context: $context });
  }

  serialize(fragment) {
    const div = this.out.createElement("div");
    div.appendChild(this.serializer.serializeFragment(fragment, { document: this.out }));
    // CSSOM writes "text-align: center;", the server "text-align: center":
    // the server's form, so that a saved body reads back unchanged.
    return div.innerHTML.replace(/ style="(text-align: [a-z]+);"/g, ' style="$1"');
  }
}

// One policy per window: createPolicy refuses a second one of the same
// name, and several editors may be mounted on one page.
const policies = new WeakMap();
function policyFor(win) {
  let p = policies.get(win);
  if (!p) {
    p = makePolicy();
    policies.set(win, p);
  }
  return p;
}

// Word marks list items as paragraphs with an mso-list style
// ("l0 level2 lfo1") and writes their bullet or number in a span with
// mso-list:Ignore. wordLists turns each run of such paragraphs into
// nested ul/ol and drops the written bullets.
function wordLists(root) {
  const paras = Array.from(root.querySelectorAll("p, h1, h2, h3, h4, h5, h6")).filter((p) =>
    /mso-list:\s*l\d+\s+level\d+/i.test(p.getAttribute(styleAttr) || "")
  );
  let stack = [];
  let last = null;
  for (const p of paras) {
    const level = +/level(\d+)/i.exec(p.getAttribute(styleAttr))[1];
    let marker = "";
    for (const span of Array.from(p.querySelectorAll("span"))) {
      if (/mso-list:\s*ignore/i.test(span.getAttribute(styleAttr) || "")) {
        marker += span.textContent;
        span.remove();
      }
    }
    const ordered = /^\s*(\d+|[a-z]|[ivxlc]+)[.)]/i.test(marker.replace(/\u00a0/g, " "));
    if (!last || p.previousElementSibling !== last) stack = [];
    const doc = p.ownerDocument;
    while (stack.length > level) stack.pop();
    while (stack.length < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (stack.length === 0) {
        p.parentNode.insertBefore(list, p);
      } else {
        const parent = stack[stack.length - 1];
        (parent.lastElementChild || parent.appendChild(doc.createElement("li"))).appendChild(list);
      }
      stack.push(list);
    }
    const li = doc.createElement("li");
    const para = doc.createElement("p");
    while (p.firstChild) para.appendChild(p.firstChild);
    li.appendChild(para);
    stack[stack.length - 1].appendChild(li);
    last = stack[0];
    p.remove();
  }
}
