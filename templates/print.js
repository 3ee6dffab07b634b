(function () {
  "use strict";
  // Paper shows everything: every fold opened for printing, and folded back afterwards as the reader left it.
  // Shared by the report and the timeline (render/report.py: page_assets puts it before the page's own script).
  if (!document.querySelectorAll) { return; }
  var printOpened = [];
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      printOpened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    printOpened.forEach(function (d) { d.open = false; });
    printOpened = [];
  });
})();
