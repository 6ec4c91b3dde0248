// Composer: keeps what you write in this browser and on the server while you type, so a lost
// connection, an expired session or a failed submit never loses it. Works without it too.
(function () {
  "use strict";
  var PREFIX = "rounds-draft:";

  // After a successful post the server names the draft to forget.
  var clear = document.querySelector('meta[name="rounds-clear-draft"]');
  if (clear) {
    try { localStorage.removeItem(PREFIX + clear.content); } catch (e) { /* storage off */ }
  }

  var form = document.querySelector("form.composer[data-draft-key]");
  if (!form) { return; }
  var key = PREFIX + form.dataset.draftKey;
  var body = form.querySelector("textarea[name=body]");
  var status = form.querySelector(".composer-status");
  if (!body) { return; }

  try {
    var kept = localStorage.getItem(key);
    if (kept && !body.value.trim()) { body.value = kept; }
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
        if (status) { status.textContent = response.ok ? status.dataset.saved || "Draft saved" : ""; }
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

  form.addEventListener("input", function () {
    try { localStorage.setItem(key, body.value); } catch (e) { /* storage full or off */ }
    clearTimeout(timer);
    timer = setTimeout(saveToServer, 2000);
  });
})();
