// The toolbar: one Tab stop (roving tabindex, arrow keys, Home and End,
// as the WAI-ARIA toolbar pattern says), labels in Vietnamese or English,
// aria-pressed on what applies to the selection, wrapping on a phone.

export const labels = {
  vi: {
    toolbar: "Định dạng nội dung",
    bold: "Chữ đậm (Ctrl+B)",
    italic: "Chữ nghiêng (Ctrl+I)",
    paragraph: "Đoạn văn thường",
    h2: "Tiêu đề mục",
    h3: "Tiêu đề nhỏ",
    bullet: "Danh sách dấu chấm",
    ordered: "Danh sách đánh số",
    quote: "Trích dẫn",
    link: "Liên kết (Ctrl+K)",
    linkPrompt: "Địa chỉ liên kết (để trống để bỏ liên kết):",
    image: "Chèn ảnh có chú thích",
    imagePrompt: "Địa chỉ ảnh:",
    altPrompt: "Mô tả ảnh cho người không xem được ảnh:",
    table: "Chèn bảng",
    rowAfter: "Thêm hàng bên dưới",
    colAfter: "Thêm cột bên phải",
    deleteRow: "Xoá hàng",
    deleteCol: "Xoá cột",
    deleteTable: "Xoá bảng",
    undo: "Hoàn tác (Ctrl+Z)",
    redo: "Làm lại (Ctrl+Y)",
    editor: "Nội dung bài viết",
    legacyTCVN3: "Đoạn vừa dán có vẻ được gõ bằng bảng mã TCVN3 (ABC) cũ nên dấu hiển thị sai. Chuyển sang Unicode?",
    legacyVNI: "Đoạn vừa dán có vẻ được gõ bằng bảng mã VNI cũ nên dấu hiển thị sai. Chuyển sang Unicode?",
    legacyConvert: "Chuyển sang Unicode",
    legacyKeep: "Giữ nguyên",
  },
  en: {
    toolbar: "Formatting",
    bold: "Bold (Ctrl+B)",
    italic: "Italic (Ctrl+I)",
    paragraph: "Normal paragraph",
    h2: "Section heading",
    h3: "Subheading",
    bullet: "Bulleted list",
    ordered: "Numbered list",
    quote: "Quote",
    link: "Link (Ctrl+K)",
    linkPrompt: "Link address (leave empty to remove the link):",
    image: "Insert a photo with a caption",
    imagePrompt: "Photo address:",
    altPrompt: "Describe the photo for people who cannot see it:",
    table: "Insert a table",
    rowAfter: "Add a row below",
    colAfter: "Add a column to the right",
    deleteRow: "Delete row",
    deleteCol: "Delete column",
    deleteTable: "Delete table",
    undo: "Undo (Ctrl+Z)",
    redo: "Redo (Ctrl+Y)",
    editor: "Article body",
    legacyTCVN3: "The pasted text looks typed in the old TCVN3 (ABC) encoding, so its marks show wrong. Convert it to Unicode?",
    legacyVNI: "The pasted text looks typed in the old VNI encoding, so its marks show wrong. Convert it to Unicode?",
    legacyConvert: "Convert to Unicode",
    legacyKeep: "Keep as is",
  },
};

// The buttons, in order: command name, visible glyph, and whether it is
// shown only inside a table.
const buttons = [
  ["bold", "B"],
  ["italic", "I"],
  ["paragraph", "¶"],
  ["h2", "H2"],
  ["h3", "H3"],
  ["bullet", "•"],
  ["ordered", "1."],
  ["quote", "❝"],
  ["link", "🔗"],
  ["image", "🖼"],
  ["table", "⊞"],
  ["rowAfter", "+▤", true],
  ["colAfter", "+▥", true],
  ["deleteRow", "−▤", true],
  ["deleteCol", "−▥", true],
  ["deleteTable", "✕⊞", true],
  ["undo", "↶"],
  ["redo", "↷"],
];

/** Toolbar renders the buttons and keeps their state in step with the editor. */
export class Toolbar {
  constructor(doc, text, run, state) {
    this.run = run;
    this.state = state;
    this.dom = doc.createElement("div");
    this.dom.className = "orgnews-editor__toolbar";
    this.dom.setAttribute("role", "toolbar");
    this.dom.setAttribute("aria-label", text.toolbar);
    this.items = buttons.map(([name, glyph, tableOnly]) => {
      const b = doc.createElement("button");
      b.type = "button";
      b.className = "orgnews-editor__button";
      b.dataset.command = name;
      b.textContent = glyph;
      b.setAttribute("aria-label", text[name]);
      b.title = text[name];
      b.tabIndex = -1;
      this.dom.appendChild(b);
      return { name, button: b, tableOnly: !!tableOnly };
    });
    this.current = 0;
    this.items[0].button.tabIndex = 0;
    // mousedown would take the focus and the selection from the editor.
    this.dom.addEventListener("mousedown", (e) => {
      if (e.target.closest("button")) e.preventDefault();
    });
    this.dom.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b && b.getAttribute("aria-disabled") !== "true") this.run(b.dataset.command);
    });
    this.dom.addEventListener("keydown", (e) => this.keydown(e));
    this.dom.addEventListener("focusin", (e) => {
      const i = this.items.findIndex((it) => it.button === e.target);
      if (i >= 0) this.rove(i);
    });
  }

  visible() {
    return this.items.filter((it) => !it.button.hidden);
  }

  rove(i) {
    this.items[this.current].button.tabIndex = -1;
    this.current = i;
    this.items[i].button.tabIndex = 0;
  }

  keydown(e) {
    const vis = this.visible();
    let at = vis.indexOf(this.items[this.current]);
    switch (e.key) {
      case "ArrowRight":
      case "ArrowDown":
        at = (at + 1) % vis.length;
        break;
      case "ArrowLeft":
      case "ArrowUp":
        at = (at - 1 + vis.length) % vis.length;
        break;
      case "Home":
        at = 0;
        break;
      case "End":
        at = vis.length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    this.rove(this.items.indexOf(vis[at]));
    vis[at].button.focus();
  }

  // update shows each button's state: pressed for the marks and blocks of
  // the selection, aria-disabled (still focusable, as the toolbar pattern
  // advises) when its command cannot run, hidden when it
  // needs a table and the selection is outside one.
  update() {
    for (const it of this.items) {
      const s = this.state(it.name);
      it.button.hidden = it.tableOnly && !s.inTable;
      it.button.setAttribute("aria-disabled", s.enabled ? "false" : "true");
      if (s.pressed === undefined) it.button.removeAttribute("aria-pressed");
      else it.button.setAttribute("aria-pressed", s.pressed ? "true" : "false");
    }
    if (this.items[this.current].button.hidden) this.rove(0);
  }

  focus() {
    this.items[this.current].button.focus();
  }
}
