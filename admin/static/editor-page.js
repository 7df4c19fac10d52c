// The editor page's script: autosave, the unsaved-changes warning, the
// conflict choice, tag suggestions and the rich-text body. The page works
// without it: the form posts, the server answers. No HTML is ever built
// from strings here (the page requires Trusted Types): only DOM calls and
// textContent.
(function () {
  "use strict";

  var form = document.getElementById("article");
  if (!form) return;
  var api = form.getAttribute("data-api"); // absent on a new article: nothing to autosave to
  var revision = form.querySelector('input[name="revision"]');
  var state = form.querySelector("[data-save-state]");
  var fieldset = form.querySelector("fieldset");
  var editable = !(fieldset && fieldset.disabled);
  var AUTOSAVE_MS = 5000;

  var dirty = false; // changes the server does not have
  var changed = {}; // the members of the next PATCH
  var generation = 0; // moves at every change, so a save knows whether more came while it ran
  var composing = false; // an input method is composing (Vietnamese Telex, VNI…)
  var inflight = false;
  var halted = false; // a conflict waits for the person's choice
  var submitting = false; // the form is being posted: no autosave may follow it
  var pending = null; // a form post waiting for a save: {form, submitter}
  var editor = null;
  var savedBody = null; // the body the server kept, shown when the writer leaves the editor
  // The facts of the files of the library by URL (width, height, type,
  // size), from uploads and the picker, sent with the cover and the
  // attachments that use them.
  var facts = {};

  function say(text) {
    if (state) state.textContent = text;
  }

  // member names a form field by the PATCH member it feeds.
  function member(name) {
    if (name === "cover_url" || name === "cover_alt" || name === "cover_caption") return "cover";
    if (name === "revision") return "";
    return name;
  }

  function touched(name) {
    var m = member(name);
    if (!m) return;
    changed[m] = true;
    dirty = true;
    generation++;
    say(form.getAttribute("data-unsaved"));
  }

  // Every field, checkboxes and selects too, fires input when it
  // changes; change would fire again on leaving a field already saved.
  form.addEventListener("input", function (e) {
    if (e.target && e.target.name) touched(e.target.name);
  });
  form.addEventListener("compositionstart", function () {
    composing = true;
  });
  form.addEventListener("compositionend", function () {
    composing = false;
  });
  // A form posted while an autosave is in flight would carry the
  // revision that autosave replaces, and the server would refuse it as
  // stale (409) although nobody else wrote. So a post waits for the save
  // in flight, whose answer moves every revision field, and then goes. A
  // workflow step (submit, return, approve…) posted with changes not yet
  // saved saves them first, so that what is sent on is what is on the
  // screen; the editor's own form carries its changes itself.
  document.addEventListener("submit", function (e) {
    var other = e.target !== form;
    var unsaved = other && api && editable && dirty && !halted && Object.keys(changed).length > 0;
    if (inflight || unsaved) {
      e.preventDefault();
      pending = { form: e.target, submitter: e.submitter };
      if (!inflight) save(0, "");
      return;
    }
    if (!other) submitting = true;
  }, true);

  // flush sends the form post that waited for a save, once it succeeded;
  // after a refusal the post is dropped, as it would be refused too, and
  // the person answers the conflict first.
  function flush(ok) {
    var p = pending;
    pending = null;
    if (p && ok) p.form.requestSubmit(p.submitter || null);
  }

  // Leaving with unsaved changes asks first; the browser words the
  // question. The workflow forms leave too, so they are covered.
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !submitting) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  function value(name) {
    var el = form.elements.namedItem(name);
    return el ? el.value : "";
  }

  // patch returns the PATCH of the members in set.
  function patch(set, note) {
    var p = { autosave: !note };
    if (note) p.note = note;
    Object.keys(set).forEach(function (m) {
      switch (m) {
        case "featured":
          p.featured = form.elements.namedItem("featured").checked;
          break;
        case "tags":
          p.tags = value("tags").split(",").map(function (t) { return t.trim(); }).filter(Boolean);
          break;
        case "cover":
          p.cover = value("cover_url").trim() === "" ? null
            : withFacts({ url: value("cover_url").trim(), alt: value("cover_alt"), caption: value("cover_caption") }, true);
          break;
        case "attachments":
          p.attachments = value("attachments").split("\n").map(function (line) {
            var i = line.indexOf("|");
            var url = (i < 0 ? line : line.slice(0, i)).trim();
            return withFacts({ url: url, title: i < 0 ? "" : line.slice(i + 1).trim() }, false);
          }).filter(function (a) { return a.url !== ""; });
          break;
        case "category_id":
          if (value("category_id") !== "") p.category_id = value("category_id");
          break;
        case "body":
          p.body = editor ? editor.getHTML() : value("body");
          break;
        case "note":
          break; // the note goes with a save by hand, not an autosave
        default:
          p[m] = value(m);
      }
    });
    return p;
  }

  // withFacts adds the facts known of o.url to o: type and size, and the
  // width and height of a photo when image.
  function withFacts(o, image) {
    var f = facts[o.url];
    if (!f) return o;
    o.type = f.type;
    o.size = f.size;
    if (image) {
      o.width = f.width;
      o.height = f.height;
    }
    return o;
  }

  function setRevision(n) {
    document.querySelectorAll('input[name="revision"]').forEach(function (el) {
      el.value = String(n);
    });
  }

  function etag(resp) {
    return parseInt((resp.headers.get("ETag") || "").replace(/"/g, ""), 10);
  }

  // save sends the changes with If-Match; base overrides the revision
  // (keeping mine after a conflict).
  function save(base, note) {
    if (inflight) return;
    inflight = true;
    var gen = generation;
    var sent = changed;
    changed = {};
    fetch(api, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "If-Match": '"' + (base || revision.value) + '"' },
      body: JSON.stringify(patch(sent, note)),
    }).then(function (resp) {
      return resp.json().then(function (data) {
        inflight = false;
        if (resp.ok) {
          setRevision(etag(resp));
          if (gen === generation) {
            dirty = false;
            // The server's sanitiser is the authority: show what it kept.
            if (editor && sent.body) showSaved(data.body);
          }
          say(form.getAttribute("data-saved"));
          flush(true);
          return;
        }
        flush(false);
        Object.keys(sent).forEach(function (m) { changed[m] = true; });
        if (resp.status === 409 && data.current) {
          conflict(data.current, data.kept, sent);
          return;
        }
        say(data.error && data.error.message ? data.error.message : String(resp.status));
      });
    }).catch(function () {
      inflight = false;
      Object.keys(sent).forEach(function (m) { changed[m] = true; });
      // Offline or the server away: the post goes as the person asked,
      // and the server answers it (its form carries the fields too).
      flush(true);
    });
  }

  // conflict shows the choice after a stale save: the server kept this
  // change as revision kept, so nothing is lost whatever is chosen.
  function conflict(current, kept, sent) {
    halted = true;
    var box = document.getElementById("autosave-conflict");
    if (!box) return;
    box.querySelector("[data-current]").textContent = current.number + " (" + current.actor_name + ")";
    box.querySelector("[data-kept]").textContent = String(kept || "");
    var diff = box.querySelector("[data-view-diff]");
    diff.href = diff.getAttribute("href").replace(/\/diff.*$/, "/diff") + "?from=" + current.number + "&to=" + kept;
    box.hidden = false;
    box.querySelector("[data-keep-mine]").onclick = function () {
      Object.keys(sent).forEach(function (m) { changed[m] = true; });
      box.hidden = true;
      halted = false;
      save(current.number, "");
    };
    box.querySelector("[data-take-theirs]").onclick = function () {
      dirty = false;
      window.location.reload();
    };
    box.focus();
  }

  if (api && editable) {
    window.setInterval(function () {
      var busy = composing || (editor && editor.isComposing());
      if (dirty && !busy && !inflight && !halted && !submitting && Object.keys(changed).length > 0) save(0, "");
    }, AUTOSAVE_MS);
  }

  // Photos and files, when the page has a media library (media.js): an
  // uploaded photo offers to be the cover or to go in the body, an
  // uploaded file is attached; the picker offers the library's photos.
  var uploadArea = form.querySelector("[data-upload]");

  function know(m) {
    facts[m.url] = { width: m.width, height: m.height, type: m.type, size: m.size };
  }

  function setField(name, v) {
    var el = form.elements.namedItem(name);
    el.value = v;
    touched(name);
  }

  function setCover(m) {
    know(m);
    setField("cover_url", m.url);
    form.elements.namedItem("cover_alt").focus();
  }

  function figure(m) {
    return { src: m.url, alt: "", width: m.width, height: m.height, caption: "" };
  }

  function button(text, onclick) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onclick);
    return b;
  }

  // uploadRequest is the body editor's onUploadRequest: pasted or dropped
  // photos are uploaded and inserted as figures; the toolbar's photo
  // button (no files) opens the picker, whose photos offer to go in.
  function uploadRequest(files) {
    if (!files.length) {
      uploadArea.querySelector('input[type="file"]').click();
      return null;
    }
    return window.OrgnewsMedia.upload(uploadArea, files).then(function (media) {
      return media.filter(function (m) { return m.kind === "image"; }).map(figure);
    });
  }

  if (uploadArea && editable && window.OrgnewsMedia) {
    uploadArea.addEventListener("orgnews:uploaded", function (e) {
      var m = e.detail.media;
      var item = e.detail.item;
      know(m);
      if (m.kind !== "image") {
        var atts = form.elements.namedItem("attachments");
        var text = atts.value.replace(/\s+$/, "");
        setField("attachments", (text ? text + "\n" : "") + m.url + " | " + m.name);
        item.appendChild(document.createTextNode(" " + uploadArea.getAttribute("data-msg-attached")));
        return;
      }
      item.appendChild(button(uploadArea.getAttribute("data-msg-set-cover"), function () { setCover(m); }));
      if (editor) {
        item.appendChild(button(uploadArea.getAttribute("data-msg-insert"), function () {
          editor.run("image", [figure(m)]);
        }));
      }
    });

    var open = form.querySelector("[data-library]");
    var picker = form.querySelector("[data-picker]");
    var more = form.querySelector("[data-picker-more]");
    var next = "";
    var page = function () {
      var u = open.getAttribute("data-library") + "&limit=12" + (next ? "&cursor=" + encodeURIComponent(next) : "");
      fetch(u, { credentials: "same-origin" }).then(function (resp) {
        return resp.json();
      }).then(function (data) {
        (data.media || []).forEach(function (m) {
          var li = document.createElement("li");
          var thumb = m.variants[0];
          var img = document.createElement("img");
          img.src = thumb.url;
          img.width = thumb.width;
          img.height = thumb.height;
          img.alt = m.name;
          img.loading = "lazy";
          li.appendChild(img);
          li.appendChild(button(open.getAttribute("data-msg-set-cover"), function () { setCover(m); }));
          picker.appendChild(li);
        });
        next = data.next || "";
        more.hidden = !next;
        picker.hidden = false;
      });
    };
    open.addEventListener("click", function () {
      if (!picker.hidden) {
        picker.hidden = true;
        more.hidden = true;
        return;
      }
      while (picker.firstChild) picker.removeChild(picker.firstChild);
      next = "";
      page();
    });
    more.addEventListener("click", page);
  }

  // showSaved shows the body the server kept in the editor. While the
  // writer is in the editor it waits until they leave it: replacing the
  // text under the caret would move the caret, or drop what the server
  // trims (the space just typed at a paragraph's end), between two keys
  // of a word typed with Unikey's Backspace-and-replace.
  function showSaved(html) {
    var root = editor.view.dom.parentNode;
    if (editor.isComposing() || root.contains(document.activeElement)) {
      savedBody = html;
      return;
    }
    savedBody = null;
    editor.setHTML(html);
  }

  // The rich-text editor, when its bundle is on the page, takes over the
  // body's textarea; it keeps the textarea in step, so the form still posts.
  var body = document.getElementById("body");
  if (window.OrgnewsEditor && body && editable) {
    editor = window.OrgnewsEditor.mount(body, {
      lang: document.documentElement.lang,
      onUploadRequest: uploadArea ? uploadRequest : undefined,
      onChange: function () {
        savedBody = null;
        touched("body");
      },
    });
    editor.view.dom.addEventListener("focusout", function (e) {
      if (savedBody === null || dirty || (e.relatedTarget && editor.view.dom.contains(e.relatedTarget))) return;
      showSaved(savedBody);
    });
  }

  // Tag suggestions: the list offers each known tag after the tags
  // already typed, so a comma-separated field completes its last tag.
  // The known tags are the page's most used ones, then, as one types,
  // those the server has for the last tag's beginning (api/tags).
  var tags = document.getElementById("tags");
  var list = document.getElementById("tag-list");
  if (tags && list) {
    var initial = Array.prototype.map.call(list.options, function (o) { return o.value; });
    var known = initial;
    var tagsAPI = list.getAttribute("data-api");
    var asked = "";
    var timer = 0;
    var offer = function () {
      var v = tags.value;
      var i = v.lastIndexOf(",");
      var head = i < 0 ? "" : v.slice(0, i + 1) + " ";
      var have = v.split(",").map(function (t) { return t.trim(); });
      while (list.firstChild) list.removeChild(list.firstChild);
      known.forEach(function (t) {
        if (have.indexOf(t) >= 0) return;
        var o = document.createElement("option");
        o.value = head + t;
        list.appendChild(o);
      });
    };
    var ask = function () {
      var v = tags.value;
      var last = v.slice(v.lastIndexOf(",") + 1).trim();
      if (!last && known !== initial) {
        asked = "";
        known = initial;
        offer();
      }
      if (!tagsAPI || !last || last === asked) return;
      asked = last;
      fetch(tagsAPI + "?limit=10&prefix=" + encodeURIComponent(last), { credentials: "same-origin" }).then(function (resp) {
        return resp.ok ? resp.json() : { tags: [] };
      }).then(function (data) {
        if (asked !== last) return; // a newer question is on its way
        known = (data.tags || []).map(function (t) { return t.tag; });
        offer();
      }).catch(function () {
        asked = "";
      });
    };
    tags.addEventListener("input", function () {
      offer();
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
  }
})();
