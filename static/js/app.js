// Small enhancements only: every page works without this script.
(function () {
  "use strict";
  // On narrow screens the reader's table of contents starts closed, so the text comes first.
  var toc = document.querySelector(".toc-details");
  if (toc && window.matchMedia("(max-width: 800px)").matches) {
    toc.removeAttribute("open");
  }
  // Moving to a paragraph link puts keyboard focus on the paragraph too.
  function focusTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("block")) {
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }
  window.addEventListener("hashchange", focusTarget);
  focusTarget();
  // The language switcher opens the same place in the other language: the paragraph too (#p-<key>,
  // the same in every language), which the server never sees.
  var switchLinks = document.querySelectorAll(".language-switcher a[hreflang]");
  function keepHash() {
    switchLinks.forEach(function (link) {
      if (link.hash !== location.hash) link.hash = location.hash;
    });
  }
  window.addEventListener("hashchange", keepHash);
  keepHash();
  // A form that comes back with errors: move focus to the error summary, which links to each field.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();
