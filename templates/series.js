(function () {
  "use strict";
  if (!document.querySelectorAll) { return; }
  var each = function (sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); };
  each(".js-only", function (n) { n.hidden = false; });

  // A link to a paragraph's history (or to one edition inside it) opens the folded history it points into.
  function reveal(hash) {
    if (!hash || hash.length < 2) { return; }
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (err) { return; }   // "#%E0%A4%A": not a link of ours
    var target = document.getElementById(id);
    if (!target) { return; }
    for (var n = target; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") { n.open = true; }
    }
    target.scrollIntoView({block: "start"});
  }
  window.addEventListener("hashchange", function () { reveal(location.hash); });
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a && a.getAttribute("href") === location.hash) { reveal(location.hash); }
  });
  reveal(location.hash);

  var all = document.getElementById("open-all");
  if (all) {
    all.addEventListener("click", function () {
      var open = all.getAttribute("aria-pressed") !== "true";
      each("details.hist", function (d) { d.open = open; });
      all.setAttribute("aria-pressed", String(open));
      all.textContent = open ? "Close all" : "Open all";
    });
  }
})();
