// The time-zone list (select[data-time-zone], grouped by region): a box that narrows it as you
// type, and this device's zone in one click. On sign-up (data-time-zone="fill") the device's zone
// is chosen for you while the list still holds its default. Without JavaScript the list still
// works (grouped, and typing the first letters of a zone jumps to it).
// Words come from Django's JavaScript catalog (base.html loads it first).
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var ngettext = window.ngettext || function (one, many, count) { return count === 1 ? one : many; };
  var interpolate = window.interpolate || function (text, values) {
    return text.replace(/%\(zone\)s/g, values.zone).replace(/%\(count\)s/g, values.count);
  };
  var device = "";
  try { device = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (error) { device = ""; }

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[_/]/g, " ").toLowerCase();
  }

  function setUp(select) {
    var options = Array.prototype.slice.call(select.options);
    var has = function (zone) { return options.some(function (option) { return option.value === zone; }); };
    var note = document.createElement("p");
    note.className = "zone-note";
    note.setAttribute("aria-live", "polite");

    // The finder: a search box above the list that hides the zones it does not match.
    var finder = document.createElement("div");
    finder.className = "zone-finder";
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "search";
    box.id = select.id + "_find";
    box.autocomplete = "off";
    box.setAttribute("aria-controls", select.id);
    label.htmlFor = box.id;
    label.textContent = gettext("Find by city or region");
    finder.appendChild(label);
    finder.appendChild(box);
    select.parentNode.insertBefore(finder, select);

    box.addEventListener("input", function () {
      var words = plain(box.value).split(/\s+/).filter(Boolean);
      var first = null;
      var count = 0;
      options.forEach(function (option) {
        var group = option.parentNode.label || "";
        var text = plain(option.value + " " + option.textContent + " " + group);
        var shown = words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !shown;
        if (shown) { count += 1; first = first || option; }
      });
      Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      if (words.length && first) {
        select.value = first.value;
        note.textContent = interpolate(
          ngettext("%(count)s zone matches; %(zone)s is chosen.", "%(count)s zones match; %(zone)s is chosen.", count),
          { count: count, zone: first.value }, true);
      } else if (words.length) {
        note.textContent = gettext("No zone matches.");
      } else {
        note.textContent = "";
      }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });

    select.parentNode.insertBefore(note, select.nextSibling);
    if (!device || !has(device)) { return; }
    if (select.dataset.timeZone === "fill" && select.value === "UTC" && device !== "UTC") {
      select.value = device;
      note.textContent = interpolate(gettext("Set to this device's time zone, %(zone)s."), { zone: device }, true);
      return;
    }
    if (select.value === device) { return; }
    // Preferences: offer it, one click.
    var offer = document.createElement("p");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary zone-use-device";
    button.textContent = interpolate(gettext("Use this device's time zone: %(zone)s"), { zone: device }, true);
    button.addEventListener("click", function () {
      select.value = device;
      offer.remove();
      note.textContent = interpolate(gettext("Set to this device's time zone, %(zone)s."), { zone: device }, true);
      select.focus();
    });
    offer.appendChild(button);
    select.parentNode.insertBefore(offer, note);
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-time-zone]"), setUp);
})();
