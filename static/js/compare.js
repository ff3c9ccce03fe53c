// Compare page. On wide screens, clicking a pair (or "Show in text") scrolls both full texts,
// side by side, to its passages and highlights them. On phones "Show in text" opens the passages
// in place, under the pair, and the full texts are shown one at a time (A | B buttons). The
// threshold's number follows the slider. The page works without this file (both texts shown).
(function () {
  "use strict";

  var narrow = window.matchMedia("(max-width: 800px)");
  var CONTEXT = 220; // characters of text shown around a passage opened in place
  var USES_IN_PLACE = 3; // uses of a contrasted term opened in place, per text (the rest: "Full text")

  function clearHighlights() {
    document.querySelectorAll(".seg.is-highlighted").forEach(function (el) { el.classList.remove("is-highlighted"); });
    document.querySelectorAll(".pair.is-active, .claim-pair.is-active, .ribbon.is-active").forEach(function (el) { el.classList.remove("is-active"); });
  }

  // `keys` is one key ("q12") or several, space-separated: the spans of one utterance that an
  // outlet split around its attribution ("q12 q13").
  function segmentsOf(side, keys) {
    var pane = document.getElementById("text-" + side);
    if (!pane || !keys) return [];
    var selector = keys.split(" ").filter(Boolean).map(function (key) {
      return '[data-ids~="' + key + '"]';
    }).join(", ");
    return Array.from(pane.querySelectorAll(selector));
  }

  function showInPane(side, keys) {
    var pane = document.getElementById("text-" + side);
    var segs = segmentsOf(side, keys);
    segs.forEach(function (el) { el.classList.add("is-highlighted"); });
    if (segs.length && pane.scrollHeight > pane.clientHeight) {
      pane.scrollTop = Math.max(0, segs[0].offsetTop - pane.offsetTop - 24);
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

  // --- Phones: one full text at a time -------------------------------------------------------
  function chooseText(side) {
    var texts = document.getElementById("full-texts");
    if (!texts) return;
    texts.classList.toggle("show-a", side === "a");
    texts.classList.toggle("show-b", side === "b");
    texts.querySelectorAll(".text-tab").forEach(function (tab) {
      tab.setAttribute("aria-pressed", tab.dataset.tab === side ? "true" : "false");
    });
  }

  function setUpTabs() {
    var texts = document.getElementById("full-texts");
    if (!texts) return;
    texts.classList.add("has-tabs");
    chooseText("a");
  }

  // --- Phones: a passage opened in place, with the text around it ----------------------------
  // The stretches `keys` cover: one from the first to the last segment (a quote, even one split
  // around its attribution), or, with `each`, one per use (a wording contrast's every use).
  function stretches(side, keys, each) {
    var runs = [];
    segmentsOf(side, keys).forEach(function (seg) {
      var start = Number(seg.dataset.start), end = Number(seg.dataset.end);
      var last = runs[runs.length - 1];
      if (last && (!each || start <= last.end)) last.end = Math.max(last.end, end);
      else runs.push({ start: start, end: end });
    });
    return runs;
  }

  function passage(side, start, end) {
    var pane = document.getElementById("text-" + side);
    if (!pane) return null;
    var chars = Array.from(pane.textContent); // offsets are code points, like Python's
    var from = Math.max(0, start - CONTEXT);
    var to = Math.min(chars.length, end + CONTEXT);
    var before = chars.slice(from, start).join("");
    var after = chars.slice(end, to).join("");
    // Start at a paragraph or a word, end at one.
    var cut = before.lastIndexOf("\n");
    before = cut >= 0 ? before.slice(cut + 1) : (from > 0 ? "…" + before.replace(/^\S*\s/, "") : before);
    cut = after.indexOf("\n");
    after = cut >= 0 ? after.slice(0, cut) : (to < chars.length ? after.replace(/\s\S*$/, "") + "…" : after);
    return { before: before, exact: chars.slice(start, end).join(""), after: after };
  }

  function inPlaceBox(side, keys, stretch, label) {
    var found = passage(side, stretch.start, stretch.end);
    if (!found) return null;
    var box = document.createElement("div");
    box.className = "in-place side-" + side;
    var head = document.createElement("p");
    head.className = "in-place-head";
    var tab = document.querySelector('.text-tab[data-tab="' + side + '"]');
    var name = document.createElement("span");
    name.textContent = "In " + (tab ? tab.textContent.trim() : side.toUpperCase()) + (label || "");
    var open = document.createElement("a");
    open.href = "#full-texts";
    open.className = "open-text";
    open.dataset.tab = side;
    open.dataset.keys = keys;
    open.textContent = "Full text " + side.toUpperCase();
    head.append(name, open);
    var text = document.createElement("p");
    var mark = document.createElement("mark");
    mark.textContent = found.exact;
    text.append(found.before, mark, found.after);
    box.append(head, text);
    return box;
  }

  function toggleInPlace(holder, aKeys, bKeys) {
    var link = holder.querySelector(".show-in-text");
    var open = holder.querySelector(".in-place-group");
    if (open) {
      open.remove();
      if (link) { link.textContent = "Show in text"; link.setAttribute("aria-expanded", "false"); }
      return;
    }
    var group = document.createElement("div");
    group.className = "in-place-group";
    var each = holder.classList.contains("wording-row"); // a term's uses, one box each
    [["a", aKeys], ["b", bKeys]].forEach(function (pair) {
      var runs = pair[1] ? stretches(pair[0], pair[1], each) : [];
      runs.slice(0, USES_IN_PLACE).forEach(function (stretch, k) {
        var label = runs.length > 1 ? " · use " + (k + 1) + " of " + runs.length : "";
        var box = inPlaceBox(pair[0], pair[1], stretch, label);
        if (box) group.append(box);
      });
    });
    if (!group.childElementCount) return;
    var slot = holder.querySelector(".annotate-slot");
    holder.insertBefore(group, slot);
    if (link) { link.textContent = "Hide text"; link.setAttribute("aria-expanded", "true"); }
  }

  function openFullText(side, keys) {
    chooseText(side);
    clearHighlights();
    var hit = showInPane(side, keys);
    var target = hit || document.getElementById("full-texts");
    if (target) target.scrollIntoView({ block: "start" });
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
    var tab = target.closest(".text-tab, .jump-text");
    if (tab) {
      chooseText(tab.dataset.tab);
      return; // a jump link still follows its href
    }
    var openText = target.closest(".open-text");
    if (openText) {
      event.preventDefault();
      openFullText(openText.dataset.tab, openText.dataset.keys);
      return;
    }
    if (target.closest(".annotate-slot, .in-place-group")) return;
    var tick = target.closest(".tick-link");
    if (tick) openFoldFor(tick.getAttribute("href"));
    var link = target.closest(".show-in-text");
    var holder = target.closest(".pair, .only-item, .claim-pair, .claim-only, .wording-row");
    if (link) {
      event.preventDefault();
      if (narrow.matches && holder) toggleInPlace(holder, link.dataset.a, link.dataset.b);
      else show(link.dataset.a, link.dataset.b, target.closest(".pair, .claim-pair"));
      return;
    }
    var row = target.closest(".pair, .claim-pair");
    if (row && !target.closest("a, button, input, select, textarea, form")) {
      if (narrow.matches) toggleInPlace(row, row.dataset.aKey, row.dataset.bKey);
      else show(row.dataset.aKey, row.dataset.bKey, row);
    }
  });

  document.addEventListener("keydown", function (event) {
    var row = event.target instanceof Element && event.target.matches(".pair, .claim-pair") ? event.target : null;
    if (row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (narrow.matches) toggleInPlace(row, row.dataset.aKey, row.dataset.bKey);
      else show(row.dataset.aKey, row.dataset.bKey, row);
    }
  });

  document.addEventListener("input", function (event) {
    var outputs = { id_min: "min-output", id_claims_min: "claims-min-output" };
    var out = event.target && document.getElementById(outputs[event.target.id]);
    if (out) out.textContent = event.target.value;
  });

  // The claims threshold sits in the Claims section, outside the filters form it belongs to
  // (form="compare-filters"), so its change does not bubble to the form: pass it on, once the
  // slider is let go, and htmx re-renders the results with every filter.
  document.addEventListener("change", function (event) {
    var form = document.getElementById("compare-filters");
    if (event.target && event.target.id === "id_claims_min" && form && window.htmx) {
      window.htmx.trigger(form, "change");
    }
  });

  // The jump bar names only the sections the filters left on the page (Kind hides some).
  function updateJumpLinks() {
    document.querySelectorAll(".compare-jump a[href^='#']").forEach(function (link) {
      link.hidden = !document.getElementById(link.getAttribute("href").slice(1));
    });
  }
  document.body.addEventListener("htmx:afterSettle", updateJumpLinks);
  updateJumpLinks();

  setUpTabs();
  var fold = document.querySelector(".filter-fold");
  if (fold && narrow.matches && !document.querySelector(".compare-filters .error")) fold.open = false;
})();
