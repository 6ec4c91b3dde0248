// The redaction tool on case images (cases/includes/image_review.html). Boxes are drawn on an
// SVG laid over the image, in the image's own pixels (the SVG's viewBox), with the mouse, a
// finger or a pen (pointer events), or the keyboard. The form's textarea, one box per line, is
// the only state: drawing writes lines into it, typing in it redraws the boxes, and without
// JavaScript the same textarea takes boxes typed as numbers. The upload form shows that the
// image is being checked while the author waits.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var note = document.getElementById(form.getAttribute("data-progress"));
      if (note) { note.hidden = false; }
      var button = form.querySelector("button[type=submit]");
      // Disabled after this event so the browser still sends the form once.
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
  });

  function parse(text) {
    return text.split("\n").map(function (line) {
      var v = line.split(/[\s,;]+/).filter(Boolean).map(Number);
      return v.length === 4 && v.every(isFinite) ? v : null;
    }).filter(Boolean);
  }

  function rect(svg, box, cls) {
    var r = document.createElementNS(SVG, "rect");
    r.setAttribute("class", cls);
    r.setAttribute("x", Math.min(box[0], box[2]));
    r.setAttribute("y", Math.min(box[1], box[3]));
    r.setAttribute("width", Math.abs(box[2] - box[0]));
    r.setAttribute("height", Math.abs(box[3] - box[1]));
    r.setAttribute("vector-effect", "non-scaling-stroke");
    svg.appendChild(r);
    return r;
  }

  document.querySelectorAll("svg.redact-overlay").forEach(function (svg) {
    var field = document.getElementById(svg.getAttribute("data-boxes"));
    var status = document.getElementById(svg.getAttribute("data-status"));
    if (!field) { return; }
    var view = svg.viewBox.baseVal;
    var W = view.width, H = view.height;
    var drawn = [];
    var cursor = null;
    var cur = [W * 0.4, H * 0.4, W * 0.6, H * 0.5];

    function say(text) { if (status) { status.textContent = text; } }
    function redraw() {
      drawn.forEach(function (r) { r.remove(); });
      drawn = parse(field.value).map(function (b) { return rect(svg, b, "redact-drawn"); });
    }
    function add(box) {
      var b = [Math.max(0, Math.min(box[0], box[2])), Math.max(0, Math.min(box[1], box[3])),
        Math.min(W, Math.max(box[0], box[2])), Math.min(H, Math.max(box[1], box[3]))].map(Math.round);
      if (b[2] - b[0] < 2 || b[3] - b[1] < 2) { return; }
      field.value = (field.value.trim() ? field.value.trim() + "\n" : "") + b.join(", ");
      redraw();
      say(svg.getAttribute("data-added") + " " + b.join(", "));
    }
    function point(event) {
      var box = svg.getBoundingClientRect();
      return [(event.clientX - box.left) * W / box.width, (event.clientY - box.top) * H / box.height];
    }
    field.addEventListener("input", redraw);
    redraw();

    var start = null, live = null;
    svg.addEventListener("pointerdown", function (event) {
      svg.focus();
      svg.setPointerCapture(event.pointerId);
      start = point(event);
      live = rect(svg, start.concat(start), "redact-drawn");
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var p = point(event);
      live.remove();
      live = rect(svg, start.concat(p), "redact-drawn");
    });
    function finish(event) {
      if (!start) { return; }
      var box = start.concat(point(event));
      start = null;
      live.remove();
      add(box);
    }
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", function () { start = null; if (live) { live.remove(); } });

    function showCursor() {
      if (cursor) { cursor.remove(); }
      cursor = rect(svg, cur, "redact-cursor");
    }
    svg.addEventListener("focus", showCursor);
    svg.addEventListener("blur", function () { if (cursor) { cursor.remove(); cursor = null; } });
    svg.addEventListener("keydown", function (event) {
      var step = Math.max(1, Math.round(Math.max(W, H) / (event.altKey ? 400 : 50)));
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      var m = moves[event.key];
      if (m) {
        if (event.shiftKey) {  // resize from the bottom right corner
          cur[2] = Math.max(cur[0] + 2, Math.min(W, cur[2] + m[0]));
          cur[3] = Math.max(cur[1] + 2, Math.min(H, cur[3] + m[1]));
        } else {
          var dx = Math.max(-cur[0], Math.min(W - cur[2], m[0]));
          var dy = Math.max(-cur[1], Math.min(H - cur[3], m[1]));
          cur = [cur[0] + dx, cur[1] + dy, cur[2] + dx, cur[3] + dy];
        }
        showCursor();
        event.preventDefault();
      } else if (event.key === "Enter" || event.key === " ") {
        add(cur.slice());
        event.preventDefault();
      } else if (event.key === "Delete" || event.key === "Backspace") {
        var lines = field.value.trim().split("\n");
        lines.pop();
        field.value = lines.join("\n");
        redraw();
        say(svg.getAttribute("data-removed"));
        event.preventDefault();
      }
    });
  });
})();
