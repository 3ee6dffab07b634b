(function () {
  "use strict";
  var body = document.body;
  var controls = document.getElementById("controls");
  if (!controls || !document.querySelectorAll) { return; }

  controls.hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (n) { n.hidden = false; });
  var each = function (sel, root, fn) { Array.prototype.forEach.call((root || document).querySelectorAll(sel), fn); };
  var built = false;

  // Side by side: each redline is cloned into an old column (no insertions) and a new column (no deletions).
  function buildSide() {
    if (built) { return; }
    built = true;
    each(".chg > .redline", null, function (r) {
      var wrap = document.createElement("div");
      wrap.className = "sbs";
      [["old", "ins, .pb-new", body.getAttribute("data-old")], ["new", "del, .pb-old", body.getAttribute("data-new")]]
        .forEach(function (side) {
          var col = r.cloneNode(true);
          col.className = "redline sbs-" + side[0];
          each(side[1], col, function (n) { n.parentNode.removeChild(n); });
          col.setAttribute("data-label", side[2] || side[0]);
          if (!col.textContent.replace(/\s+/g, "")) {
            col.classList.add("sbs-empty");
            col.textContent = side[0] === "old" ? "Not in the earlier edition" : "Not in the later edition";
          }
          wrap.appendChild(col);
        });
      r.parentNode.insertBefore(wrap, r.nextSibling);
    });
  }

  function setView(view) {
    if (view === "side") { buildSide(); }
    body.classList.toggle("view-side", view === "side");
    body.classList.toggle("view-inline", view !== "side");
    each("[data-view]", controls, function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view));
    });
  }
  each("[data-view]", controls, function (b) {
    b.addEventListener("click", function () { setView(b.getAttribute("data-view")); });
  });

  // The filter and the fold control exist only where something unchanged is folded.
  var only = document.getElementById("changes-only");
  if (only) {
    only.addEventListener("change", function () { body.classList.toggle("changes-only", only.checked); });
    only.checked = false;
  }

  var expand = document.getElementById("expand-all");
  if (expand) {
    expand.addEventListener("click", function () {
      var open = expand.getAttribute("aria-pressed") !== "true";
      each("details.same", null, function (d) { d.open = open; });
      expand.setAttribute("aria-pressed", String(open));
      expand.textContent = open ? "Fold unchanged" : "Expand unchanged";
    });
  }

  // Following a link: reveal a target hidden by the filter or folded away.
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (err) { return; }
    var t = id && document.getElementById(id);
    if (!t) { return; }
    if (body.classList.contains("changes-only") && t.offsetParent === null) {
      if (only) { only.checked = false; }
      body.classList.remove("changes-only");
    }
    for (var n = t; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") { n.open = true; }
    }
    t.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  if (location.hash) { reveal(); }

  // Keys n / p: next / previous change below / above the top of the window. They are left alone only where the
  // reader types (a clicked button or checkbox keeps the focus, and the keys must go on working after it).
  var NOT_TYPED = /^(checkbox|radio|button|submit|reset|image|range|color|file)$/;
  function typing(t) {
    if (!t || !t.tagName) { return false; }
    if (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName)) { return true; }
    return t.tagName === "INPUT" && !NOT_TYPED.test((t.getAttribute("type") || "text").toLowerCase());
  }
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) { return; }
    if (e.key !== "n" && e.key !== "p") { return; }
    var list = Array.prototype.filter.call(document.querySelectorAll(".chg"), function (c) { return c.offsetParent !== null; });
    var top = 72, pick = null;      // where scrollIntoView puts a change (below the sticky bar: scroll-padding)
    for (var i = 0; i < list.length; i++) {
      var y = list[i].getBoundingClientRect().top;
      if (e.key === "n" && y > top) { pick = list[i]; break; }
      if (e.key === "p" && y < top - 12) { pick = list[i]; }
    }
    if (pick) { pick.scrollIntoView(); pick.focus({ preventScroll: true }); e.preventDefault(); }
  });

  // The contents in the margin follow the reader: the current section's link is scrolled into the margin's box
  // (a long report's contents are taller than the window), without moving the page itself.
  function keepInBox(a) {
    var box = a.closest(".toc");
    if (!box) { return; }
    var r = a.getBoundingClientRect(), b = box.getBoundingClientRect();
    if (r.top < b.top) { box.scrollTop -= b.top - r.top + 8; }
    else if (r.bottom > b.bottom) { box.scrollTop += r.bottom - b.bottom + 8; }
  }
  var links = {};
  each(".toc a", null, function (a) { links[a.getAttribute("href").slice(1)] = a; });
  if ("IntersectionObserver" in window) {
    var current = null;
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        var a = links[en.target.id];
        if (en.isIntersecting && a) {
          if (current) { current.removeAttribute("aria-current"); }
          a.setAttribute("aria-current", "true");
          current = a;
          keepInBox(a);
        }
      });
    }, { rootMargin: "-64px 0px -70% 0px" });
    each(".text-main > .sec", null, function (s) { io.observe(s); });
  }
}());
