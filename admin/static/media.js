// Uploads of photos and files: a drop zone and a file picker posting each
// file to api/media in a request of its own, with a progress bar per
// file and its error, if any, in the page's language. An area announces
// each stored file with an "orgnews:uploaded" event (detail: {media,
// item}, the API's medium and the file's list item); the media page
// reloads once every file is done. No HTML is built from strings (the
// page requires Trusted Types): only DOM calls and textContent.
(function () {
  "use strict";

  // message returns the area's text for an API error, by its code.
  function message(area, error) {
    switch (error && error.code) {
      case "too_large":
        return area.getAttribute("data-msg-too-large");
      case "unsupported_media_type":
        return area.getAttribute("data-msg-bad-type");
    }
    return area.getAttribute("data-msg-failed") + (error && error.message ? ": " + error.message : ".");
  }

  // send posts one file, moving bar with its upload, and resolves to the
  // API's result for it ({status, media} or {status, error}).
  function send(api, file, bar) {
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", api);
      xhr.withCredentials = true;
      xhr.responseType = "json";
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = e.loaded / e.total;
      });
      xhr.addEventListener("load", function () {
        var body = xhr.response || {};
        var result = body.results && body.results[0];
        resolve(result || { status: xhr.status, error: body.error });
      });
      xhr.addEventListener("error", function () {
        resolve({ status: 0, error: null });
      });
      var data = new FormData();
      data.append("file", file, file.name);
      xhr.send(data);
    });
  }

  // upload sends files from area, each with its list item, and resolves
  // to the media stored.
  function upload(area, files) {
    var list = area.querySelector("[data-upload-list]");
    var api = area.getAttribute("data-api");
    return Promise.all(Array.prototype.map.call(files, function (file) {
      var item = document.createElement("li");
      item.className = "upload__item";
      var name = document.createElement("span");
      name.className = "upload__name";
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = 1;
      bar.value = 0;
      bar.setAttribute("aria-label", file.name);
      var status = document.createElement("span");
      status.className = "upload__status";
      item.appendChild(name);
      item.appendChild(bar);
      item.appendChild(status);
      list.appendChild(item);
      return send(api, file, bar).then(function (result) {
        bar.value = 1;
        if (result.media) {
          item.classList.add("upload__item--done");
          status.textContent = area.getAttribute("data-msg-done");
          area.dispatchEvent(new CustomEvent("orgnews:uploaded", { detail: { media: result.media, item: item } }));
          return result.media;
        }
        item.classList.add("upload__item--failed");
        status.setAttribute("role", "alert");
        status.textContent = message(area, result.error);
        return null;
      });
    })).then(function (media) {
      var stored = media.filter(Boolean);
      if (area.hasAttribute("data-reload") && stored.length === files.length) window.location.reload();
      return stored;
    });
  }

  function wire(area) {
    var input = area.querySelector('input[type="file"]');
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files);
      input.value = "";
      if (files.length) upload(area, files);
    });
    area.addEventListener("dragover", function (e) {
      e.preventDefault();
      area.classList.add("upload--over");
    });
    area.addEventListener("dragleave", function () {
      area.classList.remove("upload--over");
    });
    area.addEventListener("drop", function (e) {
      e.preventDefault();
      area.classList.remove("upload--over");
      if (e.dataTransfer && e.dataTransfer.files.length) upload(area, e.dataTransfer.files);
    });
  }

  document.querySelectorAll("[data-upload]").forEach(wire);
  window.OrgnewsMedia = { upload: upload };
})();
