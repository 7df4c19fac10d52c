// OrgnewsEditor: the newsroom's body editor, ProseMirror with tables and
// captioned photos, mounted over the form's <textarea name="body">.
// See ../README.md for the API.

import { EditorState, Selection, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { dropPoint } from "prosemirror-transform";
import { keymap } from "prosemirror-keymap";
import { history, undo, redo } from "prosemirror-history";
import { baseKeymap, toggleMark, setBlockType, wrapIn, lift, chainCommands, exitCode } from "prosemirror-commands";
import { wrapInList, liftListItem, sinkListItem, splitListItem } from "prosemirror-schema-list";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import {
  tableEditing,
  goToNextCell,
  isInTable,
  addRowAfter,
  addColumnAfter,
  deleteRow,
  deleteColumn,
  deleteTable,
  fixTables,
} from "prosemirror-tables";

import { schema } from "./schema.js";
import { HTMLCodec } from "./html.js";
import { Toolbar, labels } from "./toolbar.js";
import { detect, convert } from "./legacy.js";

import "prosemirror-view/style/prosemirror.css";
import "prosemirror-tables/style/tables.css";
import "prosemirror-gapcursor/style/gapcursor.css";
import "./editor.css";

const N = schema.nodes;
const M = schema.marks;

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

// $first is where the selection's first textblock starts its content,
// also when everything is selected (Ctrl+A) or a node is.
function $first(state) {
  const { $from } = state.selection;
  if ($from.parent.inlineContent) return $from;
  const near = Selection.findFrom($from, 1, true);
  return near ? near.$from : $from;
}

// blocksAre says whether every textblock in the selection is of type
// (with attrs).
function blocksAre(state, type, attrs) {
  const { from, to } = state.selection;
  let all = true;
  let any = false;
  state.doc.nodesBetween(from, Math.max(to, from + 1), (node) => {
    if (!node.isTextblock) return true;
    any = true;
    if (node.type !== type || (attrs && Object.keys(attrs).some((k) => node.attrs[k] !== attrs[k]))) all = false;
    return false;
  });
  return any ? all : $first(state).parent.type === type;
}

// inNode is the depth of the innermost node of type around the
// selection's start, or 0.
function inNode(state, type) {
  const $from = $first(state);
  for (let d = $from.depth; d > 0; d--) {
    if ($from.node(d).type === type) return d;
  }
  return 0;
}

function toggleHeading(level) {
  return (state, dispatch) =>
    blocksAre(state, N.heading, { level })
      ? setBlockType(N.paragraph)(state, dispatch)
      : setBlockType(N.heading, { level })(state, dispatch);
}

function toggleList(type) {
  return (state, dispatch) => {
    const d = inNode(state, N.list_item);
    if (d && $first(state).node(d - 1).type === type) return liftListItem(N.list_item)(state, dispatch);
    return wrapInList(type)(state, dispatch);
  };
}

function toggleQuote(state, dispatch) {
  return inNode(state, N.blockquote) ? lift(state, dispatch) : wrapIn(N.blockquote)(state, dispatch);
}

// setLink links the selection to href, or removes the link when href is
// empty. With an empty selection inside a link, the whole link changes.
function setLink(href) {
  return (state, dispatch) => {
    let { from, to, empty, $from } = state.selection;
    if (empty) {
      const link = M.link.isInSet($from.marks()) || ($from.nodeBefore && M.link.isInSet($from.nodeBefore.marks));
      if (!link) return false;
      const parent = $from.parent;
      const start = $from.start();
      let s = $from.parentOffset;
      let e = $from.parentOffset;
      parent.forEach((child, offset) => {
        if (link.isInSet(child.marks) && offset <= $from.parentOffset && offset + child.nodeSize >= $from.parentOffset) {
          s = Math.min(s, offset);
          e = Math.max(e, offset + child.nodeSize);
        }
      });
      from = start + s;
      to = start + e;
    }
    if (dispatch) {
      const tr = state.tr.removeMark(from, to, M.link);
      if (href) tr.addMark(from, to, M.link.create({ href }));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

// insertFigures inserts captioned photos in place of the selection.
function insertFigures(images) {
  return (state, dispatch) => {
    if (!images.length) return false;
    const figures = images.map((img) =>
      N.figure.create(null, [
        N.figure_image.create({
          src: img.src,
          alt: img.alt || "",
          width: img.width ? String(img.width) : null,
          height: img.height ? String(img.height) : null,
        }),
        N.figcaption.create(null, img.caption ? schema.text(img.caption) : null),
      ])
    );
    if (dispatch) {
      const tr = state.tr.replaceSelectionWith(figures[0]);
      for (let i = 1; i < figures.length; i++) tr.insert(tr.selection.to, figures[i]);
      // The caret goes into the last caption, which the writer fills next.
      let caption = -1;
      tr.doc.descendants((node, pos) => {
        if (node.type === N.figcaption && pos < tr.selection.to) caption = pos + 1 + node.content.size;
        return node.type !== N.figcaption;
      });
      if (caption >= 0) tr.setSelection(TextSelection.create(tr.doc, caption));
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

function insertTable(state, dispatch) {
  if (isInTable(state)) return false;
  const cell = (type) => type.createAndFill();
  const row = (type) => N.table_row.create(null, [cell(type), cell(type), cell(type)]);
  const table = N.table.create(null, [row(N.table_header), row(N.table_cell), row(N.table_cell)]);
  if (dispatch) {
    const tr = state.tr.replaceSelectionWith(table);
    // The caret goes into the first cell of the new table: the last table
    // that starts before the caret replaceSelectionWith left after it.
    let first = -1;
    tr.doc.descendants((node, pos) => {
      if (node.type === N.table && pos < tr.selection.from) first = pos;
      return node.type !== N.table;
    });
    if (first >= 0) tr.setSelection(TextSelection.near(tr.doc.resolve(first + 3)));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

// leaveCaption makes Enter in a caption start a paragraph after the
// figure, since a caption is one line.
function leaveCaption(state, dispatch) {
  const { $from } = state.selection;
  if ($from.parent.type !== N.figcaption) return false;
  if (dispatch) {
    const after = $from.after($from.depth - 1);
    const tr = state.tr.insert(after, N.paragraph.create());
    tr.setSelection(TextSelection.create(tr.doc, after + 1));
    dispatch(tr.scrollIntoView());
  }
  return true;
}

const defaults = {
  html: null,
  lang: "vi",
  onChange: null,
  onUploadRequest: null,
  onLinkRequest: null,
};

/**
 * mount makes an editor over target: a <textarea> (the form field, kept
 * in sync and hidden) or any other element (the editor goes inside it).
 */
export function mount(target, options) {
  const opts = { ...defaults, ...(options || {}) };
  const doc = target.ownerDocument;
  const text = labels[opts.lang] || labels.vi;
  const codec = new HTMLCodec(schema);
  const textarea = target.tagName === "TEXTAREA" ? target : null;
  const initial = opts.html != null ? opts.html : textarea ? textarea.value : "";

  const root = doc.createElement("div");
  root.className = "orgnews-editor";
  root.lang = opts.lang === "en" ? "en" : "vi";
  const area = doc.createElement("div");
  area.className = "orgnews-editor__area";

  let view = null;
  let pending = false;
  let afterComposition = false;
  let destroyed = false;
  let pastedLegacy = false; // the paste being dispatched had text in a legacy font, converted
  let offer = null; // {from, to, kind}: pasted text that looks TCVN3 or VNI, offered for conversion

  // The offer to convert pasted text that looks typed in TCVN3 or VNI
  // but came with no font to say so: shown, never applied silently.
  const notice = doc.createElement("div");
  notice.className = "orgnews-editor__notice";
  notice.setAttribute("role", "status");
  notice.hidden = true;
  const noticeText = doc.createElement("p");
  const convertButton = doc.createElement("button");
  const keepButton = doc.createElement("button");
  convertButton.type = keepButton.type = "button";
  convertButton.className = keepButton.className = "orgnews-editor__button";
  convertButton.dataset.legacy = "convert";
  keepButton.dataset.legacy = "keep";
  convertButton.textContent = text.legacyConvert;
  keepButton.textContent = text.legacyKeep;
  notice.append(noticeText, convertButton, keepButton);
  convertButton.addEventListener("click", () => convertOffer());
  keepButton.addEventListener("click", () => {
    hideOffer();
    view.focus();
  });

  function hideOffer() {
    offer = null;
    notice.hidden = true;
  }

  // offerConversion looks at what the paste transaction tr (applied to
  // the state before) inserted: text that came with no legacy font but
  // reads as TCVN3 or VNI is offered for conversion.
  function offerConversion(before, tr) {
    const legacyFont = pastedLegacy;
    pastedLegacy = false;
    hideOffer();
    if (legacyFont) return;
    const from = tr.mapping.map(before.selection.from, -1);
    const to = tr.selection.to;
    if (to <= from) return;
    const kind = detect(view.state.doc.textBetween(from, to, "\n"));
    if (!kind) return;
    offer = { from, to, kind };
    noticeText.textContent = kind === "vni" ? text.legacyVNI : text.legacyTCVN3;
    notice.hidden = false;
  }

  // convertOffer converts the offered text, keeping its marks.
  function convertOffer() {
    if (!offer) return;
    const { from, to, kind } = offer;
    hideOffer();
    const parts = [];
    view.state.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true;
      const s = Math.max(from, pos);
      const e = Math.min(to, pos + node.nodeSize);
      if (e > s) parts.push({ s, e, text: node.text.slice(s - pos, e - pos), marks: node.marks });
      return false;
    });
    const tr = view.state.tr;
    for (const p of parts.reverse()) tr.replaceWith(p.s, p.e, schema.text(convert(kind, p.text), p.marks));
    view.dispatch(tr.scrollIntoView());
    view.focus();
  }

  // notify syncs the textarea and calls onChange once the document has
  // changed and no composition is under way, so neither ever sees half a
  // syllable.
  function notify() {
    if (!pending || destroyed || view.composing || afterComposition) return;
    pending = false;
    const html = getHTML();
    if (textarea) textarea.value = html;
    if (opts.onChange) opts.onChange(html);
  }

  // getHTML is "" for an empty body (one empty paragraph), as the server
  // saves it, so that comparing with the saved body finds no change.
  function getHTML() {
    const d = view.state.doc;
    if (d.childCount === 1 && d.firstChild.type === N.paragraph && d.firstChild.content.size === 0) return "";
    return codec.serialize(d.content);
  }

  function ask(name) {
    if (name === "link") {
      const cur = M.link.isInSet(view.state.selection.$from.marks());
      const href = cur ? cur.attrs.href : "";
      if (opts.onLinkRequest) return Promise.resolve(opts.onLinkRequest(href));
      return Promise.resolve(doc.defaultView.prompt(text.linkPrompt, href));
    }
    if (opts.onUploadRequest) return Promise.resolve(opts.onUploadRequest([]));
    const src = doc.defaultView.prompt(text.imagePrompt, "");
    if (!src) return Promise.resolve(null);
    const alt = doc.defaultView.prompt(text.altPrompt, "") || "";
    return Promise.resolve([{ src, alt }]);
  }

  const commands = {
    bold: toggleMark(M.strong),
    italic: toggleMark(M.em),
    paragraph: setBlockType(N.paragraph),
    h2: toggleHeading(2),
    h3: toggleHeading(3),
    bullet: toggleList(N.bullet_list),
    ordered: toggleList(N.ordered_list),
    quote: toggleQuote,
    table: insertTable,
    rowAfter: addRowAfter,
    colAfter: addColumnAfter,
    deleteRow,
    deleteCol: deleteColumn,
    deleteTable,
    undo,
    redo,
  };

  // run runs a command by name; link takes the address (empty removes
  // the link) and image a list of {src, alt, width, height, caption};
  // without one they ask (onLinkRequest, onUploadRequest or a prompt).
  // It answers whether the command applied.
  function run(name, arg) {
    if (name === "link" || name === "image") {
      if (arg === undefined) {
        ask(name).then((v) => {
          if (v != null && !destroyed) run(name, v);
        });
        return true;
      }
      const ok = name === "link" ? setLink(String(arg).trim())(view.state, view.dispatch) : insertFigures(arg)(view.state, view.dispatch);
      view.focus();
      return ok;
    }
    const cmd = commands[name];
    if (!cmd) throw new Error("OrgnewsEditor: no command " + JSON.stringify(name));
    const ok = cmd(view.state, view.dispatch);
    view.focus();
    return ok;
  }

  function state(name) {
    const s = view.state;
    const inTable = isInTable(s);
    switch (name) {
      case "bold":
        return { enabled: commands.bold(s), pressed: markActive(s, M.strong), inTable };
      case "italic":
        return { enabled: commands.italic(s), pressed: markActive(s, M.em), inTable };
      case "paragraph":
        return { enabled: true, pressed: blocksAre(s, N.paragraph), inTable };
      case "h2":
      case "h3": {
        const level = +name[1];
        return { enabled: commands[name](s), pressed: blocksAre(s, N.heading, { level }), inTable };
      }
      case "bullet":
      case "ordered": {
        const type = name === "bullet" ? N.bullet_list : N.ordered_list;
        const d = inNode(s, N.list_item);
        return { enabled: commands[name](s), pressed: !!d && $first(s).node(d - 1).type === type, inTable };
      }
      case "quote":
        return { enabled: commands.quote(s), pressed: !!inNode(s, N.blockquote), inTable };
      case "link":
        return { enabled: !s.selection.empty || !!M.link.isInSet(s.selection.$from.marks()), pressed: markActive(s, M.link), inTable };
      case "image":
        return { enabled: true, inTable };
      default:
        return { enabled: commands[name](s), inTable };
    }
  }

  const toolbar = new Toolbar(doc, text, run, state);

  function pasteHTML(html, event) {
    const slice = codec.parseSlice(html, view.state.selection.$from);
    pastedLegacy = codec.converted;
    if (view.someProp("handlePaste", (f) => f(view, event, slice))) return;
    view.dispatch(view.state.tr.replaceSelection(slice).scrollIntoView().setMeta("paste", true).setMeta("uiEvent", "paste"));
  }

  function upload(files, at) {
    if (!opts.onUploadRequest || !files.length) return false;
    Promise.resolve(opts.onUploadRequest(files)).then((images) => {
      if (destroyed || !images || !images.length) return;
      if (at != null) view.dispatch(view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(Math.min(at, view.state.doc.content.size)))));
      insertFigures(images)(view.state, view.dispatch);
    });
    return true;
  }

  function imageFiles(list) {
    return Array.from(list || []).filter((f) => /^image\//.test(f.type));
  }

  const plugins = [
    keymap({
      "Mod-z": undo,
      "Mod-y": redo,
      "Shift-Mod-z": redo,
      "Mod-b": commands.bold,
      "Mod-i": commands.italic,
      "Mod-k": () => {
        run("link");
        return true;
      },
      "Alt-F10": () => {
        toolbar.focus();
        return true;
      },
      "Shift-Enter": chainCommands(exitCode, (state, dispatch) => {
        if (dispatch) dispatch(state.tr.replaceSelectionWith(N.hard_break.create()).scrollIntoView());
        return true;
      }),
      Enter: chainCommands(leaveCaption, splitListItem(N.list_item)),
      "Mod-[": liftListItem(N.list_item),
      "Mod-]": sinkListItem(N.list_item),
      Tab: goToNextCell(1),
      "Shift-Tab": goToNextCell(-1),
    }),
    keymap(baseKeymap),
    history(),
    dropCursor(),
    gapCursor(),
    tableEditing(),
  ];

  function makeState(html) {
    let st = EditorState.create({ doc: codec.parse(html), plugins });
    const fix = fixTables(st);
    if (fix) st = st.apply(fix.setMeta("addToHistory", false));
    return st;
  }

  view = new EditorView(area, {
    state: makeState(initial),
    attributes: {
      class: "orgnews-editor__content",
      role: "textbox",
      "aria-multiline": "true",
      "aria-label": text.editor,
      spellcheck: "true",
      lang: root.lang,
    },
    dispatchTransaction(tr) {
      const before = view.state;
      view.updateState(before.apply(tr));
      if (tr.docChanged) {
        pending = true;
        if (offer) {
          offer.from = tr.mapping.map(offer.from, 1);
          offer.to = tr.mapping.map(offer.to, -1);
          if (offer.to <= offer.from) hideOffer();
        }
      }
      if (tr.getMeta("paste")) offerConversion(before, tr);
      toolbar.update();
      notify();
    },
    handleDOMEvents: {
      // ProseMirror's own HTML reader creates a Trusted Types policy the
      // CSP refuses; HTML is parsed here through the editor's policy.
      paste(v, event) {
        const data = event.clipboardData;
        if (!data) return false;
        const files = imageFiles(data.files);
        if (files.length && upload(files, null)) {
          event.preventDefault();
          return true;
        }
        const html = data.getData("text/html");
        if (!html) return false;
        event.preventDefault();
        pasteHTML(html, event);
        return true;
      },
      drop(v, event) {
        if (v.dragging || !event.dataTransfer) return false;
        const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
        const files = imageFiles(event.dataTransfer.files);
        if (files.length && upload(files, at && at.pos)) {
          event.preventDefault();
          return true;
        }
        const html = event.dataTransfer.getData("text/html");
        if (!html || !at) return false;
        event.preventDefault();
        const slice = codec.parseSlice(html, v.state.doc.resolve(at.pos));
        const pos = dropPoint(v.state.doc, at.pos, slice);
        if (pos == null) return true;
        v.dispatch(v.state.tr.replace(pos, pos, slice).scrollIntoView().setMeta("uiEvent", "drop"));
        v.focus();
        return true;
      },
      compositionend() {
        // ProseMirror reads the composed text after this event, in a
        // microtask; the change is reported after that.
        afterComposition = true;
        doc.defaultView.setTimeout(() => {
          afterComposition = false;
          notify();
        }, 0);
        return false;
      },
    },
  });

  if (textarea) {
    const label = textarea.labels && textarea.labels[0];
    if (label) {
      if (!label.id) label.id = "orgnews-editor-label-" + Math.random().toString(36).slice(2);
      view.dom.removeAttribute("aria-label");
      view.dom.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", onLabelClick);
    }
    textarea.value = getHTML();
    textarea.hidden = true;
    textarea.after(root);
  } else {
    target.appendChild(root);
  }
  root.appendChild(toolbar.dom);
  root.appendChild(notice);
  root.appendChild(area);
  toolbar.update();

  function onLabelClick(e) {
    e.preventDefault();
    view.focus();
  }

  return {
    getHTML,
    // setHTML replaces the document with html (the body the server saved)
    // and starts a new undo history; onChange is not called. When html
    // gives the document already shown, nothing changes: the caret and
    // the undo history stay, so showing the body an autosave kept never
    // moves the writer's caret.
    setHTML(html) {
      const next = makeState(html);
      if (next.doc.eq(view.state.doc)) {
        pending = false;
        if (textarea) textarea.value = getHTML();
        return;
      }
      view.updateState(next);
      pending = false;
      hideOffer();
      if (textarea) textarea.value = getHTML();
      toolbar.update();
    },
    focus() {
      view.focus();
    },
    isComposing() {
      return view.composing || afterComposition;
    },
    run,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      view.destroy();
      root.remove();
      if (textarea) {
        textarea.hidden = false;
        const label = textarea.labels && textarea.labels[0];
        if (label) label.removeEventListener("click", onLabelClick);
      }
    },
    view,
  };
}

// The legacy-encoding helpers the editor converts pasted text with, for
// pages and tests: legacyFont(fontFamily), convertLegacy(kind, text) and
// detectLegacy(text), as news.LegacyFont, news.FromTCVN3/FromVNI and
// news.DetectLegacy (kinds "tcvn3", "tcvn3caps", "vni").
export { legacyFont, convert as convertLegacy, detect as detectLegacy } from "./legacy.js";
