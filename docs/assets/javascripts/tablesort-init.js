/* Registry tables: sorting (vendored tablesort) and filtering.
 *
 * Runs on every page view, also after Material's instant navigation (document$).
 * Without JavaScript the tables are complete and the filter form stays hidden.
 * Keyboard: each sortable header gets a real <button>; tablesort keeps aria-sort on the
 * header cell up to date, so screen readers announce the sort order.
 */
(function () {
  "use strict";

  function initSort(table) {
    if (table.getAttribute("data-sort-ready") || typeof Tablesort === "undefined") return;
    table.setAttribute("data-sort-ready", "1");
    // Unknown values (cells marked data-sort-last) go below the known ones, in either
    // direction; tablesort itself would put them first when sorting one way.
    table.addEventListener("afterSort", function () {
      var sorted = table.querySelector("thead th[aria-sort]");
      var body = table.tBodies[0];
      if (!sorted || !body) return;
      Array.prototype.slice.call(body.rows).forEach(function (row) {
        var cell = row.cells[sorted.cellIndex];
        if (cell && cell.hasAttribute("data-sort-last")) body.appendChild(row);
      });
    });
    new Tablesort(table);
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    Array.prototype.forEach.call(head.cells, function (th) {
      if (th.getAttribute("data-sort-method") === "none") return;
      th.removeAttribute("tabindex"); // the button below takes focus instead of the cell
      var button = document.createElement("button");
      button.type = "button";
      button.className = "registry-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
    });
    var caption = table.caption;
    if (caption && !caption.querySelector(".registry-sort-hint")) {
      var hint = document.createElement("span");
      hint.className = "registry-sort-hint";
      hint.textContent = " Vælg en kolonneoverskrift for at sortere.";
      caption.appendChild(hint);
    }
  }

  function initFilter(form) {
    var table = document.getElementById(form.getAttribute("data-registry-filter"));
    if (!table || !table.tBodies[0] || form.getAttribute("data-filter-ready")) return;
    form.setAttribute("data-filter-ready", "1");
    var text = form.querySelector('[data-filter="text"]');
    var region = form.querySelector('[data-filter="region"]');
    var status = form.querySelector('[data-filter="status"]');
    var count = form.querySelector("[data-filter-count]");
    var rows = table.tBodies[0].rows;
    var timer = null;

    function apply() {
      var q = text ? text.value.trim().toLowerCase() : "";
      var r = region ? region.value : "";
      var s = status ? status.value : "";
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = (!q || (row.getAttribute("data-text") || "").indexOf(q) !== -1) &&
          (!r || row.getAttribute("data-region") === r) &&
          (!s || row.getAttribute("data-status") === s);
        row.hidden = !ok;
        if (ok) shown++;
      }
      if (count) {
        count.textContent = "Viser " + shown + " af " + rows.length + " kommuner.";
      }
    }

    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(apply, 250); // announce once the reader pauses typing
    });
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
    });
    form.hidden = false;
    if ((text && text.value.trim()) || (region && region.value) || (status && status.value)) {
      apply(); // the browser restored a filter (e.g. after "back")
    } else if (count) {
      count.textContent = "Viser " + rows.length + " af " + rows.length + " kommuner.";
    }
  }

  function init() {
    document.querySelectorAll("table[data-registry-sortable]").forEach(initSort);
    document.querySelectorAll("form[data-registry-filter]").forEach(initFilter);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
