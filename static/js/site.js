// Keyboard and layout helpers for pages that show posts or cases (thread, composer, edit
// history, case pages load it). Everything works without it.
(function () {
  "use strict";

  // Code blocks and tables in posts scroll sideways inside the post when they are wider than it
  // (site.css). A region that scrolls must be reachable by keyboard (WCAG 2.1.1), so each one
  // that overflows at the current width joins the tab order; one that fits leaves it again, so
  // keyboard users meet no empty stops. Without JavaScript, browsers that focus scrollers
  // themselves (Chromium, Firefox) still let the keyboard scroll them.
  var regions = document.querySelectorAll(".post-body pre, .post-body table");
  function mark() {
    regions.forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("data-scrolls", "");
      } else if (region.hasAttribute("data-scrolls")) {
        region.removeAttribute("tabindex");
        region.removeAttribute("data-scrolls");
      }
    });
  }
  if (regions.length) {
    // Runs before the next paint whenever a region's size changes (narrower window, zoom).
    if ("ResizeObserver" in window) {
      var observer = new ResizeObserver(mark);
      regions.forEach(function (region) { observer.observe(region); });
    }
    mark();
  }

  // Escape closes the open disclosure (<details>) that holds the focus and puts the focus back
  // on its summary, as it would for a menu or a dialog.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var active = document.activeElement;
    var details = active && active.closest ? active.closest("details[open]") : null;
    if (!details) return;
    details.open = false;
    var summary = details.querySelector("summary");
    if (summary) summary.focus();
    event.preventDefault();
  });
})();
