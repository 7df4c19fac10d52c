// The document model of an article body: what news.Sanitize keeps, and no
// more, so that what the editor makes is what the server saves.

import { Schema, Fragment } from "prosemirror-model";
import { tableNodes } from "prosemirror-tables";

const imageAttrs = {
  src: { default: "" },
  alt: { default: "" },
  title: { default: null },
  width: { default: null },
  height: { default: null },
};

function readImage(dom) {
  const src = dom.getAttribute("src") || "";
  if (!/^(https?:|\/|\.\.?\/|[^:]*$)/i.test(src)) return false;
  return {
    src,
    alt: dom.getAttribute("alt") || "",
    title: dom.getAttribute("title"),
    width: /^\d{1,5}$/.test(dom.getAttribute("width") || "") ? dom.getAttribute("width") : null,
    height: /^\d{1,5}$/.test(dom.getAttribute("height") || "") ? dom.getAttribute("height") : null,
  };
}

function writeImage(node) {
  const a = { src: node.attrs.src, alt: node.attrs.alt };
  for (const k of ["title", "width", "height"]) if (node.attrs[k]) a[k] = node.attrs[k];
  return a;
}

const align = {
  align: {
    default: null,
    validate: (v) => v === null || ["left", "right", "center", "justify"].includes(v),
  },
};

// readAlign reads text-align, or LibreOffice's and Word's align attribute.
function readAlign(dom) {
  const v = (dom.style && dom.style.textAlign) || (dom.getAttribute("align") || "").toLowerCase();
  return ["left", "right", "center", "justify"].includes(v) ? v : null;
}

// The editor's only way to set a style is CSSOM (allowed by style-src
// 'self'); the serialiser in html.js turns it back into the attribute.
function alignAttrs(node) {
  return node.attrs.align ? { style: "text-align: " + node.attrs.align } : {};
}

const nodes = {
  doc: { content: "block+" },
  paragraph: {
    group: "block",
    content: "inline*",
    attrs: align,
    parseDOM: [{ tag: "p", getAttrs: (dom) => ({ align: readAlign(dom) }) }],
    toDOM: (node) => ["p", alignAttrs(node), 0],
  },
  heading: {
    group: "block",
    content: "inline*",
    defining: true,
    attrs: { level: { default: 2 }, ...align },
    // The page's title is its only h1: h1 becomes h2, and h5/h6 become h4,
    // the smallest the toolbar offers.
    parseDOM: [1, 2, 3, 4, 5, 6].map((n) => ({
      tag: "h" + n,
      getAttrs: (dom) => ({ level: Math.min(Math.max(n, 2), 4), align: readAlign(dom) }),
    })),
    toDOM: (node) => ["h" + node.attrs.level, alignAttrs(node), 0],
  },
  blockquote: {
    group: "block",
    content: "block+",
    defining: true,
    parseDOM: [{ tag: "blockquote" }],
    toDOM: () => ["blockquote", 0],
  },
  horizontal_rule: {
    group: "block",
    parseDOM: [{ tag: "hr" }],
    toDOM: () => ["hr"],
  },
  bullet_list: {
    group: "block",
    content: "list_item+",
    parseDOM: [{ tag: "ul" }],
    toDOM: () => ["ul", 0],
  },
  ordered_list: {
    group: "block",
    content: "list_item+",
    attrs: { order: { default: 1 } },
    parseDOM: [
      {
        tag: "ol",
        getAttrs: (dom) => ({ order: dom.hasAttribute("start") ? +dom.getAttribute("start") || 1 : 1 }),
      },
    ],
    toDOM: (node) => (node.attrs.order === 1 ? ["ol", 0] : ["ol", { start: node.attrs.order }, 0]),
  },
  list_item: {
    content: "paragraph block*",
    defining: true,
    parseDOM: [{ tag: "li" }],
    toDOM: () => ["li", 0],
  },
  // A figure is a photo and its caption: the image is an atom, the caption
  // is edited in place.
  figure: {
    group: "block",
    content: "figure_image figcaption",
    isolating: true,
    parseDOM: [
      { tag: "figure" },
      // A bare image (pasted or from an old body) becomes a figure with an
      // empty caption.
      {
        tag: "img[src]",
        priority: 40,
        getAttrs: (dom) => (readImage(dom) ? null : false),
        getContent: (dom, schema) => {
          const attrs = readImage(dom);
          return Fragment.from([
            schema.nodes.figure_image.create(attrs),
            schema.nodes.figcaption.create(),
          ]);
        },
      },
    ],
    toDOM: () => ["figure", 0],
  },
  // The image cannot be selected alone (a figure without its image is
  // not a figure): a click on it selects the whole figure, and the caret
  // never lands on it, so typing goes into the caption.
  figure_image: {
    atom: true,
    draggable: false,
    selectable: false,
    attrs: imageAttrs,
    parseDOM: [{ tag: "img[src]", context: "figure/", getAttrs: readImage }],
    toDOM: (node) => ["img", writeImage(node)],
  },
  figcaption: {
    content: "inline*",
    parseDOM: [{ tag: "figcaption" }],
    toDOM: () => ["figcaption", 0],
  },
  ...tableNodes({ tableGroup: "block", cellContent: "block+", cellAttributes: {} }),
  text: { group: "inline" },
  hard_break: {
    inline: true,
    group: "inline",
    selectable: false,
    parseDOM: [{ tag: "br" }],
    toDOM: () => ["br"],
  },
};

const marks = {
  link: {
    attrs: { href: {}, title: { default: null } },
    inclusive: false,
    parseDOM: [
      {
        tag: "a[href]",
        getAttrs: (dom) => ({ href: dom.getAttribute("href"), title: dom.getAttribute("title") }),
      },
    ],
    toDOM: (mark) => ["a", mark.attrs.title ? { href: mark.attrs.href, title: mark.attrs.title } : { href: mark.attrs.href }, 0],
  },
  // Google Docs wraps a whole fragment in <b style="font-weight:normal">
  // and marks bold and italic with styles on spans; Word and LibreOffice
  // use b/i or strong/em.
  em: {
    parseDOM: [
      { tag: "i" },
      { tag: "em" },
      { style: "font-style=italic" },
      { style: "font-style=normal", clearMark: (m) => m.type.name === "em" },
    ],
    toDOM: () => ["em", 0],
  },
  strong: {
    parseDOM: [
      { tag: "strong" },
      { tag: "b", getAttrs: (dom) => dom.style.fontWeight !== "normal" && null },
      { style: "font-weight=400", clearMark: (m) => m.type.name === "strong" },
      { style: "font-weight", getAttrs: (v) => /^(bold(er)?|[5-9]\d{2,})$/.test(v) && null },
    ],
    toDOM: () => ["strong", 0],
  },
};

/** schema is the document model of an article body. */
export const schema = new Schema({ nodes, marks });
