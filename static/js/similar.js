// Similar threads: while a member types a new thread's title, list existing threads with
// similar titles (GET data-similar-url?title=..., JSON), so the earlier discussion is found.
// Progressive enhancement: the composer works the same without it.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html) translates; the words stand as they are without it.
  var gettext = window.gettext || function (text) { return text; };
  var form = document.querySelector("form[data-similar-url]");
  if (!form) return;
  var input = form.querySelector("input[name=title]");
  if (!input) return;
  var url = form.getAttribute("data-similar-url");
  var box = document.createElement("section");
  box.className = "similar-threads";
  box.setAttribute("aria-live", "polite");
  box.hidden = true;
  var heading = document.createElement("h2");
  heading.textContent = form.getAttribute("data-similar-heading") || gettext("Similar threads");
  var list = document.createElement("ul");
  box.appendChild(heading);
  box.appendChild(list);
  input.parentNode.insertAdjacentElement("afterend", box);

  var timer = null;
  var lastAsked = "";
  var controller = null;

  function show(threads) {
    list.replaceChildren();
    threads.forEach(function (thread) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = thread.url;
      link.textContent = thread.title; // text, never HTML: titles are member input
      link.target = "_blank";
      link.rel = "noopener";
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = threads.length === 0;
  }

  function ask() {
    var title = input.value.trim();
    if (title === lastAsked) return;
    lastAsked = title;
    if (title.length < 4) {
      show([]);
      return;
    }
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url + "?title=" + encodeURIComponent(title), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : { threads: [] };
      })
      .then(function (data) {
        show(data.threads || []);
      })
      .catch(function () {
        /* aborted by a newer keystroke, or offline: keep what is shown */
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300); // wait for a pause in typing, not every key
  });
})();
