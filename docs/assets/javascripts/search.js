/* The site's search: the dialog in overrides/partials/search.html, with Pagefind as the engine.
   Nothing is fetched until the reader types: then pagefind/pagefind.js, which loads its
   worker, its WebAssembly and the parts of the index the words need. The texts come from the
   dialog's data-text-* attributes. */
(() => {
  "use strict";
  const dialog = document.getElementById("hb-search");
  const link = document.querySelector("[data-hb-search-open]");
  // Without <dialog> support the control stays a link to the page "Søg".
  if (!dialog || !link || typeof dialog.showModal !== "function") return;

  const input = dialog.querySelector("input");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("ol");
  const more = dialog.querySelector(".hb-search__more");
  const text = dialog.dataset;
  const hint = status.textContent;
  const root = new URL(text.root, document.baseURI);
  const PAGE = 5;  // results shown at a time: each one fetches a small fragment of the index
  let engine = null;  // Promise of Pagefind's module, made on the first search
  let results = [];   // Pagefind's results for the current query, best first
  let shown = 0;
  let opener = null;

  // The link becomes a button that opens the dialog.
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-keyshortcuts", "Control+K Meta+K");
  link.replaceWith(button);
  // The shortcut's hint, as the reader's keyboard writes it (hidden without JavaScript, where
  // the control is a link and the shortcut does nothing).
  const key = button.querySelector(".hb-search-open__key");
  if (key) {
    key.textContent = /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘ K" : "Ctrl K";
    key.hidden = false;
  }

  function open() {
    opener = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
  }

  function say(key, query, count) {
    status.textContent = text["text" + key[0].toUpperCase() + key.slice(1)]
      .replace("{q}", query).replace("{n}", count);
  }

  function pagefind() {
    engine ??= import(new URL(text.pagefind, root).href).then(async (module) => {
      await module.options({ baseUrl: root.pathname, excerptLength: 24 });
      return module;
    });
    return engine;
  }

  // One result: the page's title as a link, then the excerpt, in which Pagefind has marked
  // the hits with <mark>. When a section below the title scores best (headings weigh more),
  // the link goes straight to that section and names it.
  function item(data) {
    const score = (part) => (part.weighted_locations || []).reduce((sum, l) => sum + l.balanced_score, 0);
    const top = [...(data.sub_results || [])].sort((a, b) => score(b) - score(a))[0];
    const best = top && top.title !== data.meta.title ? top : null;
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = (best || data).url;
    a.textContent = data.meta.title + (best ? " › " + best.title : "");
    const excerpt = document.createElement("p");
    excerpt.innerHTML = (best || data).excerpt;  // Pagefind escapes the page text; only <mark> is markup
    li.append(a, excerpt);
    return li;
  }

  // The next PAGE results as list items (each fetches its fragment of the index).
  async function items(from) {
    const data = await Promise.all(results.slice(from, from + PAGE).map((r) => r.data()));
    return data.map(item);
  }

  async function search() {
    const query = input.value.trim();
    const stale = () => input.value.trim() !== query;  // the reader has typed on meanwhile
    if (!query) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = hint;
      return;
    }
    if (!engine) say("loading", query);
    try {
      const found = await (await pagefind()).debouncedSearch(query, {}, 200);
      if (found === null || stale()) return;
      results = found.results;
      const first = await items(0);
      if (stale()) return;
      list.replaceChildren(...first);
      shown = first.length;
      more.hidden = shown >= results.length;
      say(results.length === 0 ? "none" : results.length === 1 ? "one" : "many", query, results.length);
    } catch (error) {
      engine = null;  // try again on the next key
      say("failed", query);
      console.warn("Search:", error);
    }
  }

  // The keys a reader expects: arrows move between the field and the results, Enter in the
  // field opens the first result, Escape closes.
  function move(event) {
    const stops = [input, ...list.querySelectorAll("a")];
    const at = stops.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (at < 0) return;
      event.preventDefault();
      stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    } else if (event.key === "Enter" && event.target === input && stops[1]) {
      event.preventDefault();
      stops[1].click();
    } else if (event.key === "Escape") {
      // Closes at once, also from the field with words in it (where the browser would first
      // empty the field); the words are still there when the dialog opens again.
      event.preventDefault();
      dialog.close();
    }
    // No key pressed in the dialog is taken for a shortcut of the page behind it.
    event.stopPropagation();
  }

  button.addEventListener("click", open);
  input.addEventListener("input", search);
  dialog.addEventListener("keydown", move);
  dialog.querySelector("[data-hb-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener("close", () => opener && opener.focus());
  more.addEventListener("click", async () => {
    const next = await items(shown);
    list.append(...next);
    shown += next.length;
    more.hidden = shown >= results.length;
    if (next[0]) next[0].querySelector("a").focus();
  });
  // Ctrl+K (Cmd+K on a Mac) opens the search from anywhere. Never a key alone: a single-key
  // shortcut (Material's were / s f) goes off when speech input says a word or a key is
  // pressed by mistake (WCAG 2.1.4 Character Key Shortcuts).
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return;
    if (event.key.toLowerCase() !== "k") return;
    event.preventDefault();
    open();
  });
})();
