// Composer: keeps what you write in this browser and on the server while you type, so a lost
// connection, an expired session or a failed submit never loses it. Works without it too.
//
// On every form marked data-composer (a new thread, a reply, an edit, a case discussion's
// reply) it also adds: the formatting toolbar and its keyboard shortcuts, a live preview that
// the server renders through the same pipeline as the stored post, @mention completion, and
// images (pick, paste or drop; described, uploaded, inserted as Markdown).
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html) translates; the words stand as they are without it.
  var gettext = window.gettext || function (text) { return text; };
  var PREFIX = "rounds-draft:";

  // After a successful post the server names the draft to forget.
  var clear = document.querySelector('meta[name="rounds-clear-draft"]');
  if (clear) {
    try { localStorage.removeItem(PREFIX + clear.content); } catch (e) { /* storage off */ }
  }

  document.querySelectorAll("form[data-composer]").forEach(function (form) {
    var body = form.querySelector("textarea[name=body]");
    if (body) { enhance(form, body); }
  });

  var form = document.querySelector("form.composer[data-draft-key]");
  if (!form) { return; }
  var key = PREFIX + form.dataset.draftKey;
  var body = form.querySelector("textarea[name=body]");
  var status = form.querySelector(".composer-status");
  if (!body) { return; }

  try {
    var kept = localStorage.getItem(key);
    if (kept && !body.value.trim()) {
      body.value = kept;
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
  } catch (e) { /* storage off */ }

  var timer = null;
  function saveToServer() {
    if (!form.dataset.draftKind) { return; }
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("kind", form.dataset.draftKind);
    data.append("target", form.dataset.draftTarget);
    data.append("body", body.value);
    ["title", "tags"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field) { data.append(name, field.value); }
    });
    fetch(form.dataset.autosaveUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (status) { status.textContent = response.ok ? status.dataset.saved || gettext("Draft saved") : ""; }
      })
      .catch(function () { /* offline: the browser copy still holds the text */ });
  }

  // Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE with a page of its own, and the
  // text would be back only through the Back button: say so here and keep the text instead.
  // The size is what the browser will send: URL-encoded, each line break as CRLF.
  function encodedSize() {
    var size = 0;
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== "string") { return; }
      var pair = new URLSearchParams();
      pair.append(name, value.replace(/\r?\n/g, "\r\n"));
      size += pair.toString().length + 1;
    });
    return size;
  }
  var limit = parseInt(form.dataset.maxBytes, 10);
  form.addEventListener("submit", function (event) {
    if (!limit || encodedSize() <= limit) { return; }
    event.preventDefault();
    if (status) {
      status.setAttribute("role", "alert");
      status.textContent = form.dataset.tooBig;
    }
    body.setAttribute("aria-invalid", "true");
    body.focus();
  });

  form.addEventListener("input", function (event) {
    if (event.target !== body && !/^(title|tags)$/.test(event.target.name || "")) { return; }
    try { localStorage.setItem(key, body.value); } catch (e) { /* storage full or off */ }
    clearTimeout(timer);
    timer = setTimeout(saveToServer, 2000);
  });

  // ------------------------------------------------------------------------------------------

  function enhance(form, body) {
    var csrf = form.querySelector("[name=csrfmiddlewaretoken]");
    var place = form.dataset.place;
    var placeId = form.dataset.placeId;
    var field = body.closest(".composer-field") || form;

    // Replace the selection (start..end) with text, keeping the browser's undo history where
    // it can (execCommand), then select selStart..selEnd of the new text.
    function replace(start, end, text, selStart, selEnd) {
      body.focus();
      body.setSelectionRange(start, end);
      var done = false;
      try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
      if (!done || body.value.slice(start, start + text.length) !== text) {
        body.setRangeText(text, start, end, "end");
        body.dispatchEvent(new Event("input", { bubbles: true }));
      }
      body.setSelectionRange(start + selStart, start + selEnd);
    }

    // --- the toolbar -------------------------------------------------------------------------
    var toolbar = field.querySelector(".composer-toolbar");
    var buttons = toolbar ? Array.prototype.slice.call(toolbar.querySelectorAll("button")) : [];

    function wrap(before, after, placeholder) {
      var start = body.selectionStart, end = body.selectionEnd;
      var chosen = body.value.slice(start, end) || placeholder;
      replace(start, end, before + chosen + after, before.length, before.length + chosen.length);
    }

    // Each selected line (or the caret's line) gets its prefix; on an empty line the
    // placeholder is inserted and selected, so typing replaces it.
    function prefixLines(prefixFor, placeholder) {
      var value = body.value;
      var start = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
      var lineEnd = value.indexOf("\n", Math.max(body.selectionEnd, start));
      var end = lineEnd === -1 ? value.length : lineEnd;
      var lines = value.slice(start, end).split("\n");
      var empty = lines.length === 1 && !lines[0].trim();
      if (empty) { lines = [placeholder]; }
      var text = lines.map(function (line, index) { return prefixFor(index) + line; }).join("\n");
      var first = prefixFor(0).length;
      replace(start, end, text, empty ? first : 0, text.length);
    }

    function block(text, selectFrom, selectTo) {
      var value = body.value;
      var start = body.selectionStart, end = body.selectionEnd;
      var before = value.slice(0, start);
      var lead = before === "" ? "" : /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
      var after = value.slice(end);
      var tail = after === "" || /^\n/.test(after) ? "\n" : "\n\n";
      replace(start, end, lead + text + tail, lead.length + selectFrom, lead.length + selectTo);
    }

    var actions = {
      bold: function () { wrap("**", "**", t("bold", gettext("bold text"))); },
      italic: function () { wrap("_", "_", t("italic", gettext("italic text"))); },
      heading: function () { prefixLines(function () { return "### "; }, t("heading", gettext("Heading"))); },
      list: function () { prefixLines(function () { return "- "; }, t("item", gettext("item"))); },
      numbered: function () {
        prefixLines(function (index) { return (index + 1) + ". "; }, t("item", gettext("item")));
      },
      quote: function () { prefixLines(function () { return "> "; }, t("quote", gettext("quote"))); },
      code: function () {
        var chosen = body.value.slice(body.selectionStart, body.selectionEnd);
        if (chosen.indexOf("\n") !== -1) {
          block("```\n" + chosen + "\n```", 4, 4 + chosen.length);
        } else {
          wrap("`", "`", t("code", gettext("code")));
        }
      },
      link: function () {
        var start = body.selectionStart, end = body.selectionEnd;
        var chosen = body.value.slice(start, end);
        if (/^https?:\/\/\S+$/.test(chosen)) {
          var label = t("link", gettext("link text"));
          replace(start, end, "[" + label + "](" + chosen + ")", 1, 1 + label.length);
        } else {
          var text = chosen || t("link", gettext("link text"));
          replace(start, end, "[" + text + "](https://)", text.length + 3, text.length + 11);
        }
      },
      table: function () {
        var head = t("column", gettext("Column"));
        block("| " + head + " | " + head + " |\n| --- | --- |\n|  |  |", 2, 2 + head.length);
      },
      image: function () { openImageDialog(null); },
    };

    // Placeholder words, translated in the toolbar's data-text-* attributes.
    function t(name, fallback) {
      return (toolbar && toolbar.dataset["text" + name[0].toUpperCase() + name.slice(1)]) || fallback;
    }

    if (toolbar) {
      toolbar.hidden = false;
      // One Tab stop for the whole toolbar; arrow keys move along it (WAI-ARIA toolbar).
      buttons.forEach(function (button, index) {
        button.tabIndex = index === 0 ? 0 : -1;
        button.addEventListener("click", function () {
          buttons.forEach(function (b) { b.tabIndex = -1; });
          button.tabIndex = 0;
          actions[button.dataset.format]();
        });
      });
      toolbar.addEventListener("keydown", function (event) {
        var index = buttons.indexOf(document.activeElement);
        if (index === -1) { return; }
        var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
        if (next === undefined) { return; }
        event.preventDefault();
        next = (next + buttons.length) % buttons.length;
        buttons[index].tabIndex = -1;
        buttons[next].tabIndex = 0;
        buttons[next].focus();
      });
    }

    // Shortcuts, as the buttons' aria-keyshortcuts announce them (Ctrl, or Cmd on a Mac).
    var SHORTCUTS = {
      "b": "bold", "i": "italic", "k": "link", "e": "code",
      "shift+h": "heading", "shift+Digit8": "list", "shift+Digit7": "numbered",
      "shift+Digit9": "quote", "shift+g": "image", "alt+t": "table",
    };
    body.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || (event.ctrlKey && event.metaKey)) { return; }
      var name = /^Digit/.test(event.code) ? event.code : (event.code.replace(/^Key/, "").toLowerCase());
      var combo = (event.altKey ? "alt+" : "") + (event.shiftKey ? "shift+" : "") + name;
      var action = SHORTCUTS[combo];
      if (!action || !toolbar) { return; }
      event.preventDefault();
      actions[action]();
    });

    // --- the live preview ----------------------------------------------------------------------
    var live = field.querySelector(".composer-live");
    var liveBody = live && live.querySelector("[data-live-preview]");
    var liveStatus = live && live.querySelector("[data-live-status]");
    var maxChars = parseInt(form.dataset.maxChars, 10) || 0;
    var previewTimer = null, previewController = null, lastPreviewed = null;

    function renderPreview() {
      if (!live || !form.dataset.previewUrl) { return; }
      var text = body.value;
      if (text === lastPreviewed) { return; }
      if (maxChars && text.length > maxChars) {
        liveStatus.textContent = (live.dataset.tooLong || gettext("Too long to preview: at most %n characters."))
          .replace("%n", maxChars.toLocaleString());
        lastPreviewed = null;
        return;
      }
      lastPreviewed = text;
      if (!text.trim()) { liveBody.innerHTML = ""; liveStatus.textContent = ""; return; }
      if (previewController) { previewController.abort(); }
      previewController = new AbortController();
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
      data.append("body", text);
      live.setAttribute("aria-busy", "true");
      fetch(form.dataset.previewUrl, {
        method: "POST", body: data, credentials: "same-origin", signal: previewController.signal,
        headers: { Accept: "application/json" },
      }).then(function (response) {
        return response.json().catch(function () { return { error: "" }; });
      }).then(function (answer) {
        live.setAttribute("aria-busy", "false");
        if (answer.error) {
          liveStatus.textContent = answer.error;
          lastPreviewed = null;  // try again on the next change, or after a rate limit
          return;
        }
        // Sanitised by the server's one pipeline (nh3 last), exactly as it will be stored.
        liveBody.innerHTML = answer.html;
        liveStatus.textContent = "";
      }).catch(function () { live.setAttribute("aria-busy", "false"); lastPreviewed = null; });
    }
    if (live) {
      live.hidden = false;
      field.classList.add("has-live-preview");
      body.addEventListener("input", function () {
        clearTimeout(previewTimer);
        previewTimer = setTimeout(renderPreview, 400);
      });
      renderPreview();
    }

    // --- @mention completion (a textarea with a listbox: aria-activedescendant) -----------------
    var announcer = field.querySelector("[data-mention-status]");
    var listbox = document.createElement("ul");
    listbox.id = body.id + "-mentions";
    listbox.className = "composer-mentions";
    listbox.setAttribute("role", "listbox");
    var words = (live && live.dataset) || {};
    listbox.setAttribute("aria-label", words.mentionsLabel || gettext("Members to mention"));
    listbox.hidden = true;
    body.parentNode.insertBefore(listbox, body.nextSibling);
    body.setAttribute("aria-autocomplete", "list");
    body.setAttribute("aria-controls", listbox.id);
    var mentionTimer = null, mentionController = null, members = [], active = -1, token = null;
    var MENTION = /(^|[^\w@\/])@([A-Za-z0-9_]{2,30})$/;

    function currentToken() {
      if (body.selectionStart !== body.selectionEnd) { return null; }
      var before = body.value.slice(0, body.selectionStart);
      var match = MENTION.exec(before);
      if (!match) { return null; }
      return { prefix: match[2], start: before.length - match[2].length - 1, end: before.length };
    }

    function closeMentions() {
      listbox.hidden = true;
      listbox.innerHTML = "";
      members = [];
      active = -1;
      body.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      active = index;
      Array.prototype.forEach.call(listbox.children, function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) {
        body.setAttribute("aria-activedescendant", listbox.children[index].id);
      } else {
        body.removeAttribute("aria-activedescendant");
      }
    }

    function insertMention(index) {
      var member = members[index];
      var now = currentToken();
      if (!member || !now) { closeMentions(); return; }
      var text = "@" + member.handle + " ";
      closeMentions();
      replace(now.start, now.end, text, text.length, text.length);
      if (announcer) {
        announcer.textContent = (words.mentionInserted || gettext("Inserted %h")).replace("%h", "@" + member.handle);
      }
    }

    function showMembers(found) {
      listbox.innerHTML = "";
      members = found;
      if (!found.length) { closeMentions(); return; }
      found.forEach(function (member, index) {
        var option = document.createElement("li");
        option.id = listbox.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var handle = document.createElement("strong");
        handle.textContent = "@" + member.handle;
        option.appendChild(handle);
        if (member.name && member.name !== member.handle) {
          option.appendChild(document.createTextNode(" " + member.name));
        }
        // mousedown, not click: the textarea keeps the focus and the caret.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          insertMention(index);
        });
        listbox.appendChild(option);
      });
      listbox.hidden = false;
      choose(0);
      if (announcer) {
        announcer.textContent = (words.mentionsFound || gettext("%n found: Up and Down to choose, Enter to insert, Escape to close."))
          .replace("%n", String(found.length));
      }
    }

    function askMembers() {
      var now = currentToken();
      if (!now || !form.dataset.mentionsUrl) { closeMentions(); token = null; return; }
      if (token && token.prefix === now.prefix && !listbox.hidden) { return; }
      token = now;
      if (mentionController) { mentionController.abort(); }
      mentionController = new AbortController();
      var url = form.dataset.mentionsUrl + "?" + new URLSearchParams({ q: now.prefix, [place]: placeId });
      fetch(url, { credentials: "same-origin", signal: mentionController.signal, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { members: [] }; })
        .then(function (answer) {
          var still = currentToken();
          // Typing went on while the answer travelled: show it only for the same word.
          if (!still || still.prefix !== now.prefix) { return; }
          showMembers(answer.members || []);
        })
        .catch(function () { /* aborted or offline: no list */ });
    }

    body.addEventListener("input", function () {
      clearTimeout(mentionTimer);
      if (!currentToken()) { closeMentions(); token = null; return; }
      mentionTimer = setTimeout(askMembers, 150);
    });
    body.addEventListener("keydown", function (event) {
      if (listbox.hidden || !members.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose((active + step + members.length) % members.length);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0 && !event.shiftKey) {
        event.preventDefault();
        insertMention(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        closeMentions();
      }
    });
    body.addEventListener("blur", function () { setTimeout(closeMentions, 150); });

    // --- images: pick, paste or drop; described, uploaded, inserted -----------------------------
    var dialog = field.querySelector(".composer-image-dialog");
    if (!dialog || typeof dialog.showModal !== "function" || !form.dataset.uploadUrl) { return; }
    var fileInput = dialog.querySelector("[data-image-file]");
    var altInput = dialog.querySelector("[data-image-alt]");
    var errorBox = dialog.querySelector("[data-image-error]");
    var statusBox = dialog.querySelector("[data-image-status]");
    var addButton = dialog.querySelector("[data-image-add]");
    var maxBytes = parseInt(form.dataset.imageMaxBytes, 10) || 0;
    var caret = null;

    function showError(message, fieldName) {
      errorBox.textContent = message;
      [fileInput, altInput].forEach(function (input) {
        var wrong = (fieldName === "alt_text" && input === altInput) || (fieldName !== "alt_text" && input === fileInput);
        if (wrong) {
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", errorBox.id + " " + input.id + "-help");
        } else {
          input.removeAttribute("aria-invalid");
          input.setAttribute("aria-describedby", input.id + "-help");
        }
      });
      (fieldName === "alt_text" ? altInput : fileInput).focus();
    }

    function resetDialog() {
      errorBox.textContent = "";
      statusBox.textContent = "";
      addButton.disabled = false;
      [fileInput, altInput].forEach(function (input) {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", input.id + "-help");
      });
    }

    function openImageDialog(file) {
      caret = [body.selectionStart, body.selectionEnd];
      resetDialog();
      altInput.value = "";
      fileInput.value = "";
      if (file) {
        try {
          var transfer = new DataTransfer();
          transfer.items.add(file);
          fileInput.files = transfer.files;
        } catch (e) { /* the member picks it again */ }
      }
      dialog.showModal();
      (file ? altInput : fileInput).focus();
    }

    function closeDialog() {
      dialog.close();
      body.focus();
      if (caret) { body.setSelectionRange(caret[0], caret[1]); }
    }

    function addImage() {
      var file = fileInput.files && fileInput.files[0];
      if (!file) { showError(dialog.dataset.noFile || fileInput.labels[0].textContent + ": choose a file.", "image"); return; }
      if (!altInput.value.trim()) {
        showError(dialog.dataset.noAlt || "Describe the image in “" + altInput.labels[0].textContent + "”.", "alt_text");
        return;
      }
      if (maxBytes && file.size > maxBytes) {
        showError((dialog.dataset.tooBig || gettext("The image is %s MB; the limit is %l MB."))
          .replace("%s", (file.size / 1048576).toFixed(1)).replace("%l", String(Math.round(maxBytes / 1048576))), "image");
        return;
      }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
      data.append(place, placeId);
      data.append("image", file);
      data.append("alt_text", altInput.value);
      addButton.disabled = true;
      errorBox.textContent = "";
      statusBox.textContent = dialog.dataset.uploading || "Uploading…";
      fetch(form.dataset.uploadUrl, { method: "POST", body: data, credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().catch(function () {
            return { error: dialog.dataset.failed || "The image could not be added (" + response.status + ")." };
          });
        })
        .then(function (answer) {
          addButton.disabled = false;
          statusBox.textContent = "";
          if (!answer.markdown) { showError(answer.error || "", answer.field); return; }
          dialog.close();
          var at = caret || [body.value.length, body.value.length];
          body.setSelectionRange(at[0], at[1]);
          // A paragraph of its own: right under a list item it would join the item.
          block(answer.markdown, answer.markdown.length, answer.markdown.length);
        })
        .catch(function () {
          addButton.disabled = false;
          statusBox.textContent = "";
          showError(dialog.dataset.offline || gettext("The image could not be sent; check the connection and try again."), "image");
        });
    }

    addButton.addEventListener("click", addImage);
    dialog.querySelector("[data-image-cancel]").addEventListener("click", closeDialog);
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); closeDialog(); });
    // Enter in the dialog adds the image; it must never submit the post around it.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName === "INPUT") {
        event.preventDefault();
        addImage();
      }
    });

    function imageIn(list) {
      for (var i = 0; list && i < list.length; i++) {
        if (/^image\//.test(list[i].type)) { return list[i]; }
      }
      return null;
    }
    body.addEventListener("paste", function (event) {
      var file = imageIn(event.clipboardData && event.clipboardData.files);
      if (file) { event.preventDefault(); openImageDialog(file); }
    });
    body.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") !== -1) {
        event.preventDefault();
      }
    });
    body.addEventListener("drop", function (event) {
      var file = imageIn(event.dataTransfer && event.dataTransfer.files);
      if (file) { event.preventDefault(); openImageDialog(file); }
    });
  }
})();
