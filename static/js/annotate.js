// Parallax annotate: select text in either full text (then, optionally, in the other) and label
// it; annotate a pair or an omission; paint annotations as coloured marks on both texts.
//
// Contract with the page (templates/annotations/_compare.html sets most of it up):
//   [data-annotate-root]      data-new-url, data-comparison (pk, may be empty)
//   [data-annotate-article]   an element whose text is one article's body (value: article id)
//   [data-annotate-quotes]    a button: "q1,q2" quote ids and/or data-annotate-events "e1"
//   .annotation-card[data-marks]  the panel's cards: JSON [{article, start, end, exact}]
// Offsets are code points (Python's), not the UTF-16 units JavaScript strings count.
(function () {
  "use strict";
  const CONTEXT = 32;
  const picks = new Map(); // article id -> {article, exact, start, prefix, suffix, range}

  const root = () => document.querySelector("[data-annotate-root]");
  // Full texts: ours carry data-annotate-article; the compare page's panes carry data-article.
  const TEXTS = "[data-annotate-article], .text-pane[data-article]";
  const texts = () => Array.from(document.querySelectorAll(TEXTS));
  const idOf = (el) => el.dataset.annotateArticle || el.dataset.article;
  const cp = (s) => Array.from(s).length; // code-point length

  function articleOf(node) {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return el ? el.closest(TEXTS) : null;
  }

  // --- Mapping between code-point offsets and DOM positions inside one text ----------------
  function textNodes(container) {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function offsetOf(container, node, offset) {
    const range = document.createRange();
    range.setStart(container, 0);
    range.setEnd(node, offset);
    return cp(range.toString());
  }

  function domRange(container, start, end) {
    let seen = 0;
    let startPos = null;
    let endPos = null;
    for (const node of textNodes(container)) {
      const chars = Array.from(node.data);
      const nodeEnd = seen + chars.length;
      if (startPos === null && start < nodeEnd) {
        startPos = [node, chars.slice(0, start - seen).join("").length];
      }
      if (startPos !== null && end <= nodeEnd) {
        endPos = [node, chars.slice(0, end - seen).join("").length];
        break;
      }
      seen = nodeEnd;
    }
    if (!startPos || !endPos) return null;
    const range = document.createRange();
    range.setStart(startPos[0], startPos[1]);
    range.setEnd(endPos[0], endPos[1]);
    return range;
  }

  // Where a stored span is in the text as displayed: the exact quote nearest its offset.
  function findSpan(container, target) {
    const text = Array.from(container.textContent);
    const whole = text.join("");
    const exact = target.exact;
    let best = null;
    let at = whole.indexOf(exact);
    while (at !== -1) {
      const start = cp(whole.slice(0, at));
      if (best === null || Math.abs(start - target.start) < Math.abs(best - target.start)) {
        best = start;
      }
      at = whole.indexOf(exact, at + 1);
    }
    return best === null ? null : [best, best + cp(exact)];
  }

  // --- Marks ----------------------------------------------------------------------------
  function clearMarks() {
    document.querySelectorAll("mark.annotation-mark").forEach((mark) => {
      const parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function wrap(range, attrs) {
    // Wrap each text-node piece of the range, so marks never break the page's own elements.
    const pieces = [];
    const container = range.commonAncestorContainer;
    const nodes = container.nodeType === 3 ? [container] : textNodes(container);
    for (const node of nodes) {
      if (!range.intersectsNode(node)) continue;
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : node.data.length;
      if (to > from) pieces.push([node, from, to]);
    }
    for (const [node, from, to] of pieces) {
      let piece = node;
      if (from > 0) piece = piece.splitText(from);
      if (to - from < piece.data.length) piece.splitText(to - from);
      const mark = document.createElement("mark");
      mark.className = attrs.className;
      mark.dataset.annotation = attrs.annotation;
      mark.title = attrs.title;
      piece.parentNode.insertBefore(mark, piece);
      mark.appendChild(piece);
    }
  }

  function paintMarks() {
    clearMarks();
    const byArticle = new Map(texts().map((el) => [idOf(el), el]));
    document.querySelectorAll(".annotation-card[data-marks]").forEach((card) => {
      let targets = [];
      try {
        targets = JSON.parse(card.dataset.marks);
      } catch (e) {
        return;
      }
      const label = card.dataset.label;
      const name = card.querySelector(".label-badge");
      for (const target of targets) {
        const container = byArticle.get(String(target.article));
        if (!container || target.orphaned) continue;
        const span = findSpan(container, target);
        const range = span && domRange(container, span[0], span[1]);
        if (!range) continue;
        wrap(range, {
          className: `annotation-mark label-${label}`,
          annotation: card.dataset.annotation,
          title: name ? name.textContent.trim() : label,
        });
      }
    });
  }

  // --- Picking text ---------------------------------------------------------------------
  // A dock fixed at the bottom of the window: the picked text, then the form, stay in view
  // while the person scrolls through either text.
  function dock() {
    let el = document.querySelector(".annotate-dock");
    if (!el && root()) {
      el = document.createElement("div");
      el.className = "annotate-dock";
      el.innerHTML = '<div class="annotate-form-slot"></div><div class="annotate-bar" role="status" hidden></div>';
      document.body.append(el);
    }
    return el;
  }

  function bar() {
    const el = dock();
    return el ? el.querySelector(".annotate-bar") : null;
  }

  function say(message) {
    const el = bar();
    if (!el) return;
    el.hidden = false;
    el.replaceChildren();
    const text = document.createElement("span");
    text.textContent = message;
    el.append(text, button("OK", renderBar));
  }

  function button(label, onClick, primary) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "button small" + (primary ? " primary" : "");
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function renderBar() {
    const el = bar();
    if (!el) return;
    el.replaceChildren();
    if (!picks.size) {
      el.hidden = true;
      return;
    }
    el.hidden = false;
    for (const pick of picks.values()) {
      const span = document.createElement("span");
      span.className = "picked";
      span.textContent = `${pick.side}: “${pick.exact}”`;
      el.append(span);
    }
    if (picks.size === 1) {
      const hint = document.createElement("span");
      hint.className = "small";
      hint.textContent = "Select in the other text to link them, or";
      el.append(hint);
    }
    el.append(button("Annotate selection", openForSelection, true), button("Clear", clearPicks));
  }

  function clearPicks() {
    picks.clear();
    document.body.style.paddingBottom = "";
    if (window.CSS && CSS.highlights) CSS.highlights.delete("annotate-pick");
    renderBar();
  }

  function showPicks() {
    if (!(window.CSS && CSS.highlights && window.Highlight)) return;
    CSS.highlights.set("annotate-pick", new Highlight(...Array.from(picks.values(), (p) => p.range)));
  }

  function onSelect() {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    const range = selection.getRangeAt(0);
    const startIn = articleOf(range.startContainer);
    const endIn = articleOf(range.endContainer);
    if (!startIn && !endIn) return; // a selection elsewhere on the page
    if (startIn !== endIn) {
      say("A selection must stay inside one article: select in one text, then in the other.");
      return;
    }
    const container = startIn;
    const raw = range.toString();
    if (!raw.trim()) return;
    let start = offsetOf(container, range.startContainer, range.startOffset);
    const lead = cp(raw) - cp(raw.trimStart());
    const exact = raw.trim();
    start += lead;
    const all = Array.from(container.textContent);
    const end = start + cp(exact);
    const articles = texts();
    const side = articles.indexOf(container) === 0 ? "A" : "B";
    picks.set(idOf(container), {
      article: idOf(container),
      side,
      exact,
      start,
      prefix: all.slice(Math.max(0, start - CONTEXT), start).join(""),
      suffix: all.slice(end, end + CONTEXT).join(""),
      range: range.cloneRange(),
    });
    showPicks();
    renderBar();
  }

  // --- Opening the form in place --------------------------------------------------------
  function formSlot(near) {
    if (near.classList.contains("annotate-slot")) {
      let inner = near.querySelector(".annotate-form-slot");
      if (!inner) {
        inner = document.createElement("div");
        inner.className = "annotate-form-slot";
        near.append(inner);
      }
      return inner;
    }
    let slot = near.nextElementSibling;
    if (!slot || !slot.classList.contains("annotate-form-slot")) {
      slot = document.createElement("div");
      slot.className = "annotate-form-slot";
      near.after(slot);
    }
    return slot;
  }

  // The dock must not hide the text just picked: move it to the window's other side, or else
  // scroll that text up above it (with room under the page's end to do so).
  function uncover() {
    const d = document.querySelector(".annotate-dock");
    const selection = window.getSelection();
    let range = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
    if (!range || !articleOf(range.startContainer)) range = Array.from(picks.values()).pop()?.range;
    if (!d || !range) return;
    const over = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const picked = range.getBoundingClientRect();
    d.classList.remove("at-left");
    if (!over(picked, d.getBoundingClientRect())) return;
    d.classList.add("at-left");
    if (!over(picked, d.getBoundingClientRect())) return;
    d.classList.remove("at-left");
    document.body.style.paddingBottom = `${d.offsetHeight + 16}px`;
    window.scrollBy({ top: picked.bottom - d.getBoundingClientRect().top + 12, behavior: "instant" });
  }

  function openForm(params, near) {
    const r = root();
    if (!r) return;
    if (r.dataset.comparison) params.append("comparison", r.dataset.comparison);
    params.append("next", window.location.pathname);
    const slot = formSlot(near);
    htmx.ajax("GET", `${r.dataset.newUrl}?${params}`, { target: slot, swap: "innerHTML" }).then(
      () => {
        // The whole form in view, down to its Save button, then the first label focused.
        const save = slot.querySelector("button[type=submit]") || slot.lastElementChild;
        if (save) save.scrollIntoView({ block: "nearest" });
        const first = slot.querySelector("input[name=label]");
        if (first) first.focus({ preventScroll: true });
        if (slot.closest(".annotate-dock")) uncover();
      },
    );
  }

  function openForSelection() {
    const params = new URLSearchParams();
    const ordered = Array.from(picks.values()).sort((a, b) => (a.side < b.side ? -1 : 1));
    for (const pick of ordered) {
      params.append("target_article", pick.article);
      params.append("target_exact", pick.exact);
      params.append("target_start", pick.start);
      params.append("target_prefix", pick.prefix);
      params.append("target_suffix", pick.suffix);
    }
    openForm(params, dock().querySelector(".annotate-form-slot"));
  }

  // "Annotate" on each aligned pair and each passage only one side has (ways 1 and 2).
  function addSlotButtons() {
    const r = root();
    if (!r || !r.dataset.canWrite) return;
    document.querySelectorAll(".annotate-slot[data-annotate-for]").forEach((slot) => {
      if (slot.querySelector("[data-annotate-quotes], [data-annotate-events], [data-annotate-spans]")) return;
      const holder = slot.closest(".pair, .only-item, .claim-pair, .claim-only, .wording-row");
      if (!holder) return;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "button small annotate-trigger";
      const isPair = holder.classList.contains("pair") || holder.classList.contains("claim-pair");
      b.textContent = isPair ? "Annotate pair" : "Annotate omission";
      if (holder.dataset.spans) {
        // Claims and wording contrasts are not rows: their passages go as article:start:end.
        if (holder.dataset.kind === "wording") b.textContent = "Annotate wording";
        b.dataset.annotateSpans = holder.dataset.spans;
        // A suggested label and note (a contrast names its terms), which the person can change.
        if (holder.dataset.label) b.dataset.annotateLabel = holder.dataset.label;
        if (holder.dataset.note) b.dataset.annotateNote = holder.dataset.note;
        slot.prepend(b);
        return;
      }
      const ids = holder.classList.contains("pair")
        ? [holder.dataset.aId, holder.dataset.bId]
        : [holder.dataset.id];
      const key = holder.dataset.kind === "event" ? "annotateEvents" : "annotateQuotes";
      b.dataset[key] = ids.filter(Boolean).join(",");
      slot.prepend(b);
    });
  }

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("[data-annotate-quotes], [data-annotate-events], [data-annotate-spans]");
    if (trigger) {
      event.preventDefault();
      const params = new URLSearchParams();
      for (const span of (trigger.dataset.annotateSpans || "").split(" ").filter(Boolean)) {
        params.append("span", span);
      }
      for (const id of (trigger.dataset.annotateQuotes || "").split(",").filter(Boolean)) {
        params.append("quote", id);
      }
      for (const id of (trigger.dataset.annotateEvents || "").split(",").filter(Boolean)) {
        params.append("event", id);
      }
      if (trigger.dataset.annotateLabel) params.append("label", trigger.dataset.annotateLabel);
      if (trigger.dataset.annotateNote) params.append("note", trigger.dataset.annotateNote);
      openForm(params, trigger.closest(".annotate-slot, [data-annotate-row]") || trigger);
      return;
    }
    const close = event.target.closest("[data-annotate-close]");
    if (close) {
      const form = close.closest(".annotation-form");
      if (form) form.remove();
      document.body.style.paddingBottom = "";
      return;
    }
    const mark = event.target.closest("mark.annotation-mark");
    if (mark) {
      const id = mark.dataset.annotation;
      const card = document.querySelector(`.annotation-card[data-annotation="${id}"]`);
      if (card) {
        card.scrollIntoView({ behavior: "smooth", block: "nearest" });
        card.classList.add("is-focused");
        setTimeout(() => card.classList.remove("is-focused"), 1500);
      }
    }
  });

  document.addEventListener("mouseup", (event) => {
    if (event.target.closest && event.target.closest(".annotate-dock, .annotation-form")) return;
    setTimeout(onSelect, 0);
  });
  document.addEventListener("keyup", (event) => {
    if (event.shiftKey) onSelect();
  });
  // Phones select with a long press and drag handles, which fire no mouseup: take the
  // selection once it has stopped changing.
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    let settle;
    document.addEventListener("selectionchange", () => {
      clearTimeout(settle);
      settle = setTimeout(onSelect, 400);
    });
  }

  // Refusals (400/403/404/409) carry a message meant for the person: show it in place.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    const target = event.detail.target;
    const ours = target && target.closest(".annotate-form-slot, .annotation-form, .annotation-card");
    if (ours && status >= 400 && status < 500) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.body.addEventListener("annotationsChanged", clearPicks);
  // The panel (and perhaps the texts) were re-rendered: paint the marks again.
  document.body.addEventListener("htmx:afterSettle", () => {
    if (root()) {
      paintMarks();
      addSlotButtons();
    }
  });
  window.parallaxAnnotate = { paintMarks, picks };
  function start() {
    paintMarks();
    addSlotButtons();
  }
  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
