// Compare page: clicking a pair (or "Show in text") scrolls both full texts to its passages and
// highlights them; the threshold's number follows the slider. The page works without this file.
(function () {
  "use strict";

  function clearHighlights() {
    document.querySelectorAll(".seg.is-highlighted").forEach(function (el) { el.classList.remove("is-highlighted"); });
    document.querySelectorAll(".pair.is-active, .claim-pair.is-active, .ribbon.is-active").forEach(function (el) { el.classList.remove("is-active"); });
  }

  // `keys` is one key ("q12") or several, space-separated: the spans of one utterance that an
  // outlet split around its attribution ("q12 q13").
  function showInPane(side, keys) {
    var pane = document.getElementById("text-" + side);
    if (!pane || !keys) return null;
    var selector = keys.split(" ").filter(Boolean).map(function (key) {
      return '[data-ids~="' + key + '"]';
    }).join(", ");
    var segs = pane.querySelectorAll(selector);
    segs.forEach(function (el) { el.classList.add("is-highlighted"); });
    if (segs.length) {
      var top = segs[0].offsetTop - pane.offsetTop - 24;
      pane.scrollTop = Math.max(0, top);
    }
    return segs.length ? segs[0] : null;
  }

  function show(aKey, bKey, row) {
    clearHighlights();
    var hitA = showInPane("a", aKey);
    var hitB = showInPane("b", bKey);
    if (row) {
      row.classList.add("is-active");
      var ribbon = document.querySelector('.ribbon-link[data-pair="' + row.id + '"] .ribbon');
      if (ribbon) ribbon.classList.add("is-active");
    }
    var texts = document.getElementById("full-texts");
    if ((hitA || hitB) && texts) texts.scrollIntoView({ behavior: "smooth", block: "start" });
  }

  // A tick in the ribbon picture may point at an event folded in its band: open the fold.
  function openFoldFor(hash) {
    var el = hash && hash.length > 1 ? document.getElementById(hash.slice(1)) : null;
    var fold = el ? el.closest("details") : null;
    if (fold) fold.open = true;
  }
  window.addEventListener("hashchange", function () { openFoldFor(location.hash); });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    if (target.closest(".annotate-slot")) return;
    var tick = target.closest(".tick-link");
    if (tick) openFoldFor(tick.getAttribute("href"));
    var link = target.closest(".show-in-text");
    var row = target.closest(".pair, .claim-pair");
    if (link) {
      event.preventDefault();
      show(link.dataset.a, link.dataset.b, row);
      return;
    }
    if (row && !target.closest("a, button, input, select, textarea, form")) {
      show(row.dataset.aKey, row.dataset.bKey, row);
    }
  });

  document.addEventListener("keydown", function (event) {
    var row = event.target instanceof Element && event.target.matches(".pair, .claim-pair") ? event.target : null;
    if (row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(row.dataset.aKey, row.dataset.bKey, row);
    }
  });

  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "id_min") {
      var out = document.getElementById("min-output");
      if (out) out.textContent = event.target.value;
    }
  });
})();
