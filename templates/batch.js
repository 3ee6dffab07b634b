(function () {
  "use strict";
  if (!document.querySelectorAll) { return; }
  var box = document.getElementById("q");
  if (!box) { return; }
  box.parentElement.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  // Hide the items whose text does not hold what was typed (ids, symbols, titles, key changes).
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    items.forEach(function (li) { li.hidden = q !== "" && li.textContent.toLowerCase().indexOf(q) < 0; });
  });
})();
