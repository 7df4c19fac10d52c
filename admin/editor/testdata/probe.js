// Records what the test must see: Content-Security-Policy and Trusted
// Types violations, uncaught errors, and every change the editor reports.
window.violations = [];
window.errors = [];
window.changes = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
window.addEventListener("error", (e) => window.errors.push(String(e.message)));
