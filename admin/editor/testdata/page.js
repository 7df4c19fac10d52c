// Mounts the editor over the form's textarea, as the newsroom's editor
// page does, and gives the test a paste of a clipboard fragment.
window.editor = OrgnewsEditor.mount(document.getElementById("body"), {
  lang: document.documentElement.lang,
  onChange(html) {
    window.changes.push({ html, composing: window.editor.isComposing() });
  },
});

window.pasteFixture = async (name) => {
  const html = await (await fetch("/" + name)).text();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "");
  window.editor.view.dom.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  return window.editor.getHTML();
};

// pasteText pastes plain text, as Unikey's clipboard mode does after its
// backspaces.
window.pasteText = (text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  window.editor.view.dom.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
};
