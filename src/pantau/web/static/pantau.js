// Pantau dashboard enhancements; every page works without this file.
// Clicking a highlighted quote or event in the article text marks its row in the side list and the
// other pieces of the same annotation; clicking a side-list row marks its spans in the text.
(function () {
  "use strict";
  function clear() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }
  function mark(kind, index) {
    clear();
    document.querySelectorAll('.hl[data-kind="' + kind + '"][data-index="' + index + '"]')
      .forEach(function (el) { el.classList.add("active"); });
    var row = document.getElementById(kind + "-" + index);
    if (row) { row.classList.add("active"); }
    return row;
  }
  document.addEventListener("click", function (ev) {
    var hl = ev.target.closest && ev.target.closest(".article-text .hl");
    if (hl && hl.tagName !== "A") {
      var kind = hl.getAttribute("data-kind"), index = hl.getAttribute("data-index");
      if (kind === "quote" || kind === "event" || kind === "date") {
        var row = mark(kind, index);
        if (row && window.matchMedia("(min-width: 860px)").matches) { row.scrollIntoView({block: "nearest"}); }
      }
      return;
    }
    var li = ev.target.closest && ev.target.closest(".side li[data-kind]");
    if (li && !ev.target.closest("a")) {
      var first = mark(li.getAttribute("data-kind"), li.getAttribute("data-index"));
      var span = document.querySelector('.hl.active');
      if (span) { span.scrollIntoView({block: "center"}); }
    }
  });
})();
