/* The site's own small script, in place of Material's JavaScript bundle, which the site does not
   load (overrides/main.html, block "scripts"): on a phone that bundle cost more start-up time
   than the whole rest of a page, and the site uses little of it. Every page works without this
   script (the menu, the table of contents and the drawer are HTML and CSS); it adds what the
   reader notices, and does nothing at load but attach listeners:

   * Enter or Space on a focused section of the menu opens or closes it;
   * a link to a place on the same page closes the menu drawer (phone);
   * the table of contents marks the section being read, and keeps it in sight;
   * the header shows the page's title once its heading has scrolled away;
   * "Tilbage til toppen" appears when the reader scrolls back up a long page;
   * a printed page has its folded boxes (<details>) open.

   Search is assets/javascripts/search.js. Material's classes (md-...) are those of the theme's
   HTML and CSS, which the site keeps. */
(() => {
  "use strict";

  // Menu sections are <label>s with tabindex="0"; a label does not react to keys by itself.
  document.addEventListener("keydown", (event) => {
    const label = event.target;
    if ((event.key === "Enter" || event.key === " ") && label instanceof HTMLLabelElement && label.htmlFor) {
      event.preventDefault();
      label.click();
    }
  });

  // A link in the drawer to a place on this page: the page does not change, so close the drawer.
  const drawer = document.getElementById("__drawer");
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest(".md-sidebar a[href*='#']");
    if (drawer && link && link.pathname === location.pathname) drawer.checked = false;
  });

  // The header's title: the site's name, then the page's once its first heading is out of sight.
  const title = document.querySelector("[data-md-component=header-title]");
  const heading = document.querySelector(".md-content h1");
  if (title && heading && "IntersectionObserver" in window) {
    new IntersectionObserver(([entry]) => {
      title.classList.toggle("md-header__title--active", !entry.isIntersecting && entry.boundingClientRect.top < 0);
    }).observe(heading);
  }

  // Work done while scrolling, at most once per frame.
  const tasks = [];
  let queued = false;
  window.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      tasks.forEach((task) => task());
    });
  }, { passive: true });

  // The table of contents: the link of the last heading above the top of the window is the
  // current one (coloured like a link); in a table of contents taller than the window, it is
  // kept in sight.
  // The id as written in the link (never percent-decoded, so no address can make it throw).
  const tocLinks = [...document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']")]
    .map((a) => ({ a, id: a.getAttribute("href").slice(1) }));
  const targets = [...new Set(tocLinks.map((link) => link.id))]
    .map((id) => document.getElementById(id)).filter(Boolean);
  const header = document.querySelector(".md-header");
  let current = null;
  function follow() {
    const line = (header ? header.offsetHeight : 0) + 8;
    let found = null;
    for (const target of targets) {
      if (target.getBoundingClientRect().top > line) break;
      found = target;
    }
    if (found === current) return;
    current = found;
    for (const { a, id } of tocLinks) {
      const on = found !== null && id === found.id;
      a.classList.toggle("md-nav__link--active", on);
      if (!on) continue;
      const wrap = a.closest(".md-sidebar--secondary .md-sidebar__scrollwrap");
      if (wrap && wrap.scrollHeight > wrap.clientHeight) {
        const box = a.getBoundingClientRect(), view = wrap.getBoundingClientRect();
        if (box.top < view.top || box.bottom > view.bottom) wrap.scrollTop += box.top - view.top - view.height / 2;
      }
    }
  }
  if (targets.length) tasks.push(follow);

  // "Tilbage til toppen" (navigation.top): shown while the reader scrolls up, more than a
  // screen down the page. Hidden, it is out of the tab order too (extra.css).
  const top = document.querySelector(".md-top");
  if (top) {
    let last = window.scrollY;
    tasks.push(() => {
      const y = window.scrollY;
      top.hidden = !(y < last && y > window.innerHeight);
      last = y;
    });
    top.addEventListener("click", () => {
      window.scrollTo({ top: 0 });
      top.hidden = true;
      // Keyboard users go on from the top too: the first stop is the skip link.
      const skip = document.querySelector(".md-skip");
      if (skip) skip.focus({ preventScroll: true });
    });
  }

  // On paper every folded box is open; afterwards the reader's own choice is back.
  window.addEventListener("beforeprint", () => {
    for (const box of document.querySelectorAll("details:not([open])")) {
      box.open = true;
      box.dataset.hbPrinted = "";
    }
  });
  window.addEventListener("afterprint", () => {
    for (const box of document.querySelectorAll("details[data-hb-printed]")) {
      box.open = false;
      delete box.dataset.hbPrinted;
    }
  });
})();
