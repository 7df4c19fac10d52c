// orgnews <news-widget>: the embeddable news box as a custom element.
// <script src="…/widget.js" async></script>
// <news-widget category="…" limit="5"><a href="…">Tin tức</a></news-widget>
// It renders into a shadow root from the JSON API with DOM methods and
// textContent only, styled by an adopted stylesheet: it never parses HTML
// and sets no inline style, so it runs under a strict CSP with Trusted Types.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || customElements.get("news-widget")) return;
  const base = new URL(".", script.src);
  const T = {
    vi: ["Xem tất cả tin tức", "Chưa có tin nào.", "Tạm dừng chạy tin", "Tin tức",
      "Không tìm thấy chuyên mục tin này: có thể chuyên mục đã được đổi tên hoặc gỡ bỏ."],
    en: ["See all news", "No news yet.", "Pause the ticker", "News",
      "This news category could not be found: it may have been renamed or removed."],
  };
  const http = (u) => (/^https?:/i.test(u || "") ? u : "");
  // get fetches u; an error answer rejects with its status and the
  // server's message.
  const get = (u, how) =>
    fetch(new URL(u, base), { credentials: "omit" }).then((r) => {
      if (r.ok) return r[how]();
      return r.json().then((b) => (b.error && b.error.message) || "", () => "").then((m) => {
        throw Object.assign(new Error(r.status + " " + m), { status: r.status });
      });
    });
  let sheet;
  const styles = () =>
    (sheet ||= get("__CSS__", "text").then((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return s;
    }));
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  const pick = (v, list) => (list.includes(v) ? v : list[0]);
  const day = (iso, lang) => {
    const [y, m, d] = iso.slice(0, 10).split("-");
    return lang === "en"
      ? new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d))
      : d + "/" + m + "/" + y;
  };

  class NewsWidget extends HTMLElement {
    static get observedAttributes() {
      return ["category", "tag", "limit", "layout", "theme", "lang", "exclude", "show"];
    }
    connectedCallback() {
      this.update();
    }
    attributeChangedCallback() {
      if (this.root) this.update();
    }
    update() {
      const a = (n) => this.getAttribute(n) || "";
      const show = this.hasAttribute("show") ? a("show").split(",") : ["date"];
      const o = {
        limit: Math.min(20, Math.max(1, parseInt(a("limit"), 10) || 5)),
        layout: pick(a("layout"), ["list", "cards", "ticker"]),
        theme: pick(a("theme"), ["light", "dark", "auto"]),
        lang: pick(a("lang") || "__LANG__", ["vi", "en"]),
        date: show.includes("date"),
        summary: show.includes("summary"),
        image: show.includes("image"),
        category: a("category"),
      };
      if (!this.root) {
        this.root = this.attachShadow({ mode: "open" });
        this.size = new CSSStyleSheet();
        this.n = 0;
      }
      // Reserve the box's height before the news arrives.
      const ticker = o.layout === "ticker";
      const rows = ticker ? 1 : o.layout === "cards" ? Math.ceil(o.limit / 2) : o.limit;
      const per = ticker ? 2 : (o.layout === "cards" ? 4 + (o.image ? 8 : 0) : 3 + (o.image ? 1 : 0)) + (o.summary ? 3 : 0);
      this.size.replaceSync(":host{display:block;min-height:" + (6 + rows * per) * 16 + "px}");
      this.root.adoptedStyleSheets = [this.size];
      // The server gives the heading and the "see all" link, as it does
      // for /embed and /fragment.
      const q = new URLSearchParams({ limit: o.limit, lang: o.lang });
      for (const k of ["category", "tag", "exclude"]) if (a(k)) q.set(k, a(k));
      const n = ++this.n;
      const fallback = () => {
        if (n !== this.n) return;
        // Show the host's fallback link.
        this.size.replaceSync(":host{display:block}");
        this.root.replaceChildren(el("slot"));
      };
      Promise.all([styles(), get("api/box?" + q, "json")]).then(
        ([s, data]) => n === this.n && this.render(o, s, data),
        (e) => {
          if (e.status !== 404) return fallback();
          // The category does not exist: say so, for the reader in the
          // box and for the page's author in the console.
          console.warn("news-widget: " + e.message);
          styles().then((s) => n === this.n && this.render(o, s, { heading: T[o.lang][3] }, T[o.lang][4]), fallback);
        },
      );
    }
    render(o, s, data, notice) {
      const t = T[o.lang];
      const list = data.articles || [];
      const more = http(new URL(data.url || "", base).href) || base.href;
      const heading = data.heading || "";
      const box = el("section", "news-box news-box--" + o.layout + " news-theme-" + o.theme);
      box.lang = o.lang;
      box.setAttribute("aria-label", heading);
      const link = (cls, href, text) => {
        const e = el("a", cls, text);
        e.href = href;
        return e;
      };
      const h = el("h2", "news-box__title");
      h.append(link("", more, heading));
      box.append(h);
      if (notice) box.append(el("p", "news-box__empty", notice));
      else if (list.length) {
        const ul = el("ul", "news-box__list");
        for (const x of list) {
          const li = el("li", "news-box__item");
          if (x.lang) li.lang = x.lang;
          const img = x.cover && http(x.cover.url);
          if (o.image && img) {
            const i = el("img", "news-box__img");
            i.alt = "";
            i.loading = "lazy";
            const c = x.cover;
            if (c.width > 0 && c.height > 0) {
              i.width = c.width;
              i.height = c.height;
            }
            if (typeof c.srcset === "string" && c.srcset) {
              i.srcset = c.srcset;
              i.sizes = o.layout === "list" ? "6em" : "(min-width: 30em) 20em, 100vw";
            }
            i.src = img;
            li.append(i);
          }
          li.append(link("news-box__link", http(x.url) || more, x.title));
          if (o.date && x.published_at) {
            const d = el("time", "news-box__date", day(x.published_at, o.lang));
            d.dateTime = x.published_at;
            li.append(d);
          }
          if (o.summary && x.summary) li.append(el("p", "news-box__summary", x.summary));
          ul.append(li);
        }
        if (o.layout === "ticker") {
          const wrap = el("div", "news-ticker");
          const label = el("label", "news-ticker__pause");
          const box2 = el("input");
          box2.type = "checkbox";
          box2.setAttribute("role", "switch");
          label.append(box2, " ", el("span", "", t[2]));
          const view = el("div", "news-ticker__viewport");
          view.append(ul);
          wrap.append(label, view);
          box.append(wrap);
        } else box.append(ul);
      } else box.append(el("p", "news-box__empty", t[1]));
      const p = el("p", "news-box__more");
      p.append(link("", more, t[0]));
      box.append(p);
      this.size.replaceSync(":host{display:block}");
      this.root.adoptedStyleSheets = [this.size, s];
      this.root.replaceChildren(box);
    }
  }
  customElements.define("news-widget", NewsWidget);
})();
