// Fixes for possible patient identifiers, applied in the page. The findings panel of a case
// form (templates/cases/includes/findings.html) offers a fix per finding; without this script
// each "Apply" button posts the whole form back and the server returns it with the fix applied.
// With it, "Apply" edits the text where it is (the author's other edits and cursor stay put),
// then the server scans the text again (the same view, asked for the panel only) so every other
// date counts from the same Day 0. Typing pauses also scan again.
(function () {
  "use strict";
  // Django's JavaScript catalog (base.html) translates; the words stand as they are without it.
  var gettext = window.gettext || function (text) { return text; };
  var form = document.querySelector("form[data-scanner]");
  if (!form) return;
  var region = form.querySelector("[data-fix-panel]");
  if (!region) return;
  var announcer = document.getElementById("fix-announce");
  var controller = null;
  var timer = null;

  function say(text) {
    if (!announcer) return;
    // Emptied first so the same sentence twice is still spoken.
    announcer.textContent = "";
    setTimeout(function () { announcer.textContent = text; }, 60);
  }

  function field(name) {
    var found = form.elements.namedItem(name);
    return found && typeof found.setRangeText === "function" ? found : null;
  }

  function busy(on) {
    region.setAttribute("aria-busy", on ? "true" : "false");
    // A fix offered before the last one was counted could carry a stale Day 0.
    region.querySelectorAll("button[name=apply]").forEach(function (b) { b.disabled = on; });
  }

  function ask(extra) {
    var data = new FormData(form);
    Object.keys(extra).forEach(function (key) { data.set(key, extra[key]); });
    if (controller) controller.abort();
    controller = new AbortController();
    busy(true);
    // Not form.action: the form has a button named "action", which that property returns.
    return fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Rounds-Fragment": "findings", Accept: "application/json" },
      signal: controller.signal,
    }).then(function (response) {
      if (!response.ok) throw new Error("scan " + response.status);
      return response.json();
    });
  }

  function show(data) {
    // Server-rendered by the same template as the page, escaped there.
    region.innerHTML = data.html;
    var summary = document.getElementById("fix-summary");
    if (summary && data.summary !== undefined) {
      var holder = document.createElement("div");
      holder.innerHTML = data.summary;
      if (holder.firstElementChild) summary.replaceWith(holder.firstElementChild);
    }
    busy(false);
  }

  function focusNear(index, fallback) {
    var items = region.querySelectorAll("li.finding");
    var item = items[index] || items[items.length - 1];
    var control = item && item.querySelector("select, button, input");
    if (control) {
      control.focus();
    } else if (fallback) {
      fallback.focus();
    }
  }

  function rescan(afterIndex, fallback, message) {
    return ask({ action: "scan" }).then(function (data) {
      show(data);
      if (afterIndex !== undefined) focusNear(afterIndex, fallback);
      if (message !== undefined) say(message + " " + countText(data.count));
    }).catch(function (error) {
      if (error.name === "AbortError") return; // a newer scan is under way
      busy(false);
      say(region.dataset.failed || gettext("The text could not be checked again. Use Check for identifiers."));
    });
  }

  function countText(count) {
    var template = count === 1 ? region.dataset.one : region.dataset.many;
    return (template || gettext("%s left.")).replace("%s", count);
  }

  function applyInPlace(button) {
    var input = field(button.dataset.input);
    if (!input) return null;
    var from = button.dataset.from;
    var to = button.dataset.to;
    if (button.dataset.role) {
      var select = document.getElementById(button.dataset.role);
      to = select.options[select.selectedIndex].text;
      if (button.dataset.capital) to = to.charAt(0).toUpperCase() + to.slice(1);
    }
    var start = parseInt(button.dataset.start, 10);
    var end = parseInt(button.dataset.end, 10);
    var value = input.value;
    if (value.slice(start, end) !== from) {
      // The author has typed since the scan: the same words nearest where they were.
      var before = value.lastIndexOf(from, start);
      var after = value.indexOf(from, start);
      var at = before < 0 ? after : after < 0 ? before : start - before <= after - start ? before : after;
      if (at < 0) return { input: input, changed: false };
      start = at;
      end = at + from.length;
    }
    // "preserve" keeps the author's cursor or selection on the same words.
    input.setRangeText(to, start, end, "preserve");
    var dayZero = form.elements.namedItem("day_zero");
    if (button.dataset.dayZero && dayZero && !dayZero.value) dayZero.value = button.dataset.dayZero;
    var band = form.elements.namedItem("age_band");
    if (button.dataset.ageBand && band && !band.value) band.value = button.dataset.ageBand;
    return { input: input, changed: true, from: from, to: to };
  }

  function itemIndex(button) {
    var items = Array.prototype.slice.call(region.querySelectorAll("li.finding"));
    return Math.max(0, items.indexOf(button.closest("li.finding")));
  }

  function applyAll(button) {
    ask({ apply: "all" }).then(function (data) {
      Object.keys(data.values).forEach(function (name) {
        var input = field(name);
        if (input) input.value = data.values[name];
      });
      var dayZero = form.elements.namedItem("day_zero");
      if (dayZero && data.day_zero) dayZero.value = data.day_zero;
      var band = form.elements.namedItem("age_band");
      if (band && data.age_band && !band.value) band.value = data.age_band;
      show(data);
      focusNear(0, form.querySelector("button[name=action][value=scan]"));
      say((data.status || "") + " " + countText(data.count));
    }).catch(function (error) {
      if (error.name === "AbortError") return;
      busy(false);
      form.requestSubmit(button); // the server does it, the page comes back
    });
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !form.contains(button)) return;
    if (button.name === "apply" && region.contains(button)) {
      event.preventDefault();
      if (button.value === "all") {
        applyAll(button);
        return;
      }
      var index = itemIndex(button);
      var done = applyInPlace(button);
      if (done === null) {
        form.requestSubmit(button);
        return;
      }
      var message = done.changed
        ? (region.dataset.replaced || gettext("Replaced “%1” with “%2” in %3."))
            .replace("%1", done.from).replace("%2", done.to).replace("%3", button.dataset.label)
        : region.dataset.stale || gettext("That passage has changed; the findings are fresh.");
      rescan(index, done.input, message);
    } else if (button.name === "action" && button.value === "scan") {
      event.preventDefault();
      rescan(0, null, "");
    }
  });

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (region.contains(target)) return; // a reason or a role, not the text
    if (target.tagName !== "TEXTAREA" && target.name !== "title") return;
    clearTimeout(timer);
    timer = setTimeout(function () { rescan(); }, 900); // a pause in typing, not every key
  });
})();
