// probe.js is injected by chromium_test.go into every document of the
// test's tabs before any page script runs (DevTools scripts are exempt from
// the page's CSP). It reports to the Go test, through the DevTools binding
// __orgnewsReport, every dialog a payload opens (alert, confirm, prompt,
// print are replaced), every Content-Security-Policy violation, and the
// load event of the top document.
(() => {
  const report = (kind, detail) => {
    try {
      const f = window.__orgnewsReport;
      if (typeof f === 'function') {
        f(JSON.stringify({ kind: kind, detail: String(detail), url: String(location.href) }));
      }
    } catch (e) {
      // The report channel is gone: the test sees the payload's beacon instead.
    }
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try {
      Object.defineProperty(window, name, {
        value: function () { report('dialog', name + '(' + Array.from(arguments).join(',') + ')'); },
        configurable: false,
        writable: false,
      });
    } catch (e) {
      report('probe', 'cannot replace ' + name);
    }
  }
  if (window.top === window) {
    window.addEventListener('load', () => report('load', ''));
  }
  window.addEventListener('securitypolicyviolation', (e) => {
    report('csp', e.effectiveDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber + ' sample ' + e.sample);
  }, true);
})();
