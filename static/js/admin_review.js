// The case review page in admin (templates/admin/cases/case_review.html): selecting words in
// the rendered case or a flagged reply fills the Redact form with the exact text as the author
// wrote it (the Markdown source in the element's data-source), because the service removes the
// source text, and rendered text can differ from it (emphasis marks, list bullets, line breaks).
// Without JavaScript the moderator picks a scanner finding or types the text.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html) translates; the words stand as they are without it.
  var gettext = window.gettext || function (text) { return text; };
  var form = document.getElementById("redact-form");
  if (!form) { return; }
  var textInput = form.querySelector("[name=redact-text]");
  var target = form.querySelector("[name=redact-target]");
  var status = document.getElementById("review-selection");

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // Between two rendered words the source may hold white space and Markdown marks.
  var GAP = "[\\s*_`~#>|\\[\\]\\\\-]+";

  function sourceText(selected, source) {
    if (source.indexOf(selected) !== -1) { return selected; }
    var words = selected.split(/\s+/).filter(Boolean).map(escapeRegExp);
    if (!words.length) { return null; }
    var match = source.match(new RegExp(words.join(GAP)));
    return match ? match[0] : null;
  }

  function say(message) { status.textContent = message; }

  function onSelect() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return; }
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    var container = element && element.closest(".review-selectable");
    if (!container) { return; }
    var selected = selection.toString().trim();
    if (selected.length < 2) { return; }
    var exact = sourceText(selected, container.getAttribute("data-source") || "");
    if (exact === null) {
      say(form.getAttribute("data-not-found") || gettext("That selection is not in the text as written: type the exact words instead."));
      return;
    }
    textInput.value = exact;
    if (target) { target.value = container.getAttribute("data-target"); }
    say((form.getAttribute("data-selected") || gettext("Ready to redact:")) + " “" + exact + "”");
  }

  document.addEventListener("mouseup", onSelect);
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) { onSelect(); }
  });
})();
