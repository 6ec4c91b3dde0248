// A thread's poll (templates/forums/_poll.html): voting and closing without a page reload.
// The same form is sent with a header asking for the poll's own HTML, which replaces the poll;
// its status line takes the focus, so a screen reader says what happened. Without this script,
// or when the request fails, the form posts as usual and the page comes back at #poll.
(function () {
  "use strict";

  function send(form) {
    var poll = form.closest("[data-poll]");
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Rounds-Fragment": "poll" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("text/html") !== 0 || response.status >= 500 || response.redirected) {
          throw new Error("not the poll");
        }
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html.trim();
        var fresh = holder.querySelector("[data-poll]");
        if (!fresh) throw new Error("not the poll");
        poll.replaceWith(fresh);
        var focus = fresh.querySelector(".poll-status, [role=alert]") || fresh.querySelector("h2");
        if (focus) {
          if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
          focus.focus();
        }
      })
      .catch(function () {
        form.dataset.pollPlain = "1";
        form.submit();
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-poll-form]") || form.dataset.pollPlain) return;
    event.preventDefault();
    send(form);
  });
})();
