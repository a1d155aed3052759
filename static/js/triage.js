// Triage pages: keyboard shortcuts for working through a queue, and "select all" in the list.
// Everything also works without this script (links and buttons).
(function () {
  "use strict";

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function follow(id) {
    var link = document.getElementById(id);
    if (link) window.location.href = link.href;
  }

  document.addEventListener("keydown", function (event) {
    var form = document.getElementById("triage-form");
    if (form && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      document.getElementById("save-next").click();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    if (event.key === "j") follow("next-link");
    else if (event.key === "k") follow("previous-link");
    else if (event.key === "u") follow("back-link");
    else if (event.key === "e" && form) {
      event.preventDefault();
      form.querySelector("[name=disposition]").focus();
    }
  });

  // The bulk form shows only the value its chosen action needs.
  var action = document.querySelector("#bulk-form [name=action]");
  if (action) {
    var show = function () {
      document.querySelectorAll("[data-for-action]").forEach(function (group) {
        group.hidden = group.dataset.forAction.split(" ").indexOf(action.value) === -1;
      });
    };
    action.addEventListener("change", show);
    show();
  }

  var all = document.getElementById("select-all");
  if (all) {
    all.hidden = false;
    var boxes = document.querySelectorAll("input[name=ids]");
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
  }
})();
