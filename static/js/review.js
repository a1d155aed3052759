// Review page enhancements; the forms work without them.
(function () {
  "use strict";
  var form = document.getElementById("comment-form");

  // Live character counters on comment fields (the server enforces the limit anyway).
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-counter"), 10);
    var counter = document.createElement("p");
    counter.className = "char-count";
    counter.id = area.id + "-count";
    counter.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", counter);
    var template = document.body.getAttribute("data-chars-left") || "%s characters left";
    var over = document.body.getAttribute("data-chars-over") || "%s characters too many";
    function update() {
      var left = limit - area.value.length;
      counter.textContent = (left >= 0 ? template : over).replace("%s", Math.abs(left).toLocaleString(document.documentElement.lang));
      counter.classList.toggle("char-count--over", left < 0);
    }
    area.addEventListener("input", update);
    update();
  });

  // One click submits once.
  document.querySelectorAll("button[data-once]").forEach(function (button) {
    button.form.addEventListener("submit", function () {
      window.setTimeout(function () { button.disabled = true; }, 0);
    });
  });

  // Keep unsaved comment text in this browser until the server has it: a closed tab or an
  // expired session (which sends the reviewer to sign in) loses nothing.
  var editForm = form || document.querySelector("form[data-autosave]");
  if (editForm && window.localStorage) {
    // One key in every language (the path without its /en/, /fr/ or /es/), so a change of language
    // keeps the text; drafts kept before under the path with its language are still read.
    var legacyKey = "guidance-review:" + location.pathname;
    var storeKey = "guidance-review:" + location.pathname.replace(/^\/[a-z]{2}(-[a-z]+)?\//, "/");
    var fields = editForm.querySelectorAll("textarea");
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || localStorage.getItem(legacyKey) || "null"); } catch (e) { saved = null; }
    var saving = document.querySelector(".notification--success");
    if (saving) {
      localStorage.removeItem(storeKey);  // the server just saved it
      localStorage.removeItem(legacyKey);
    } else if (saved) {
      var restored = false;
      fields.forEach(function (field) {
        if (!field.value && saved[field.name]) { field.value = saved[field.name]; restored = true; }
      });
      if (restored) {
        var note = document.createElement("p");
        note.className = "notification notification--warning";
        note.setAttribute("role", "status");
        note.textContent = editForm.getAttribute("data-restored-label") || "Your unsaved text was restored.";
        editForm.insertBefore(note, editForm.firstChild.nextSibling);
        fields.forEach(function (field) { field.dispatchEvent(new Event("input")); });
      }
    }
    editForm.addEventListener("input", function () {
      var values = {};
      fields.forEach(function (field) { values[field.name] = field.value; });
      localStorage.setItem(storeKey, JSON.stringify(values));
    });
  }

  if (!form) return;
  var quoteField = form.querySelector("input[name=quote]");
  var blockField = form.querySelector("input[name=block_key]");
  var quoteView = document.getElementById("comment-quote");
  var target = document.getElementById("comment-target");
  var choice = document.getElementById("comment-target-choice");
  form.querySelectorAll("input[name=target]").forEach(function (radio) {
    radio.addEventListener("change", function () {  // the quote is shown only while it will be saved
      quoteView.hidden = !quoteField.value || document.getElementById("id_target_section").checked;
    });
  });
  var label = form.getAttribute("data-quote-label") || "Comment on this passage";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary quote-button";
  button.textContent = label;
  button.hidden = true;
  var chosen = null;

  function selectionInBlock() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var text = selection.toString().trim();
    if (!text) return null;
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    var block = element && element.closest(".section-body .block");
    return block ? { text: text.slice(0, 2000), block: block } : null;
  }

  function offer() {
    chosen = selectionInBlock();
    if (!chosen) { button.hidden = true; return; }
    chosen.block.appendChild(button);  // right after the text: reachable with Tab
    button.hidden = false;
  }

  document.addEventListener("mouseup", function () { window.setTimeout(offer, 0); });
  document.addEventListener("keyup", function (event) { if (event.shiftKey || event.key === "Shift") offer(); });
  document.addEventListener("selectionchange", function () {
    if (window.matchMedia("(pointer: coarse)").matches) window.setTimeout(offer, 300);
  });

  button.addEventListener("click", function () {
    if (!chosen) return;
    quoteField.value = chosen.text;
    blockField.value = chosen.block.getAttribute("data-key");
    quoteView.textContent = chosen.text;
    quoteView.hidden = false;
    var number = chosen.block.querySelector(".block__anchor").textContent.trim();
    // Say what will be saved: the passage, in its paragraph, with the way back to the whole section.
    document.getElementById("comment-target-label").textContent =
      (form.getAttribute("data-passage-label") || "The passage quoted below, in paragraph %s").replace("%s", number);
    target.hidden = true;
    choice.hidden = false;
    document.getElementById("id_target_paragraph").checked = true;
    button.hidden = true;
    form.scrollIntoView({ behavior: "smooth", block: "start" });
    form.querySelector("textarea[name=body]").focus({ preventScroll: true });
  });
})();
