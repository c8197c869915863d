/* Site behaviour: lazy plotly charts and the KPI list filter. No third-party code is loaded
   from anywhere but this site; plotly is fetched only when a chart is about to be seen. */
(function () {
  "use strict";

  var script = document.currentScript;
  // site.js lives at <lang root>/assets/javascripts/site.js; the vendored plotly is in the site root.
  var langRoot = script ? script.src.replace(/assets\/javascripts\/site\.js.*$/, "") : "/";
  var lang = document.documentElement.lang === "en" ? "en" : "ja";
  var siteRoot = lang === "en" ? langRoot.replace(/en\/$/, "") : langRoot;
  var plotlyPromise = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.async = true;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("failed to load " + src)); };
      document.head.appendChild(s);
    });
  }

  function loadPlotly() {
    if (!plotlyPromise) {
      plotlyPromise = loadScript(siteRoot + "assets/vendor/plotly-basic.min.js").then(function () {
        return lang === "ja" ? loadScript(siteRoot + "assets/vendor/plotly-locale-ja.js") : null;
      });
    }
    return plotlyPromise;
  }

  function draw(el) {
    if (el.dataset.rendered) { return; }
    el.dataset.rendered = "pending";
    var fig = JSON.parse(el.getAttribute("data-plotly-figure"));
    loadPlotly().then(function () {
      el.innerHTML = "";
      return window.Plotly.newPlot(el, fig.data, fig.layout, {
        displayModeBar: false, responsive: true, locale: lang, scrollZoom: false
      });
    }).then(function () {
      el.dataset.rendered = "1";
      // The SVG is decorative for assistive technology: the figure's role="img" and caption describe it.
      el.querySelectorAll("svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
    }).catch(function (err) {
      el.dataset.rendered = "error";
      if (window.console) { console.warn(err); }
    });
  }

  function initCharts() {
    var charts = document.querySelectorAll("[data-plotly-figure]");
    if (!charts.length) { return; }
    if (!("IntersectionObserver" in window)) { charts.forEach(draw); return; }
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { io.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "200px 0px" });
    charts.forEach(function (el) { io.observe(el); });
  }

  function initFilter() {
    var list = document.querySelector("[data-kpi-list]");
    if (!list) { return; }
    var form = list.querySelector(".kpi-filter");
    var counter = form.querySelector(".kpi-filter__count");
    form.hidden = false;
    function apply() {
      var status = form.elements.status.value;
      var strategy = form.elements.strategy.value;
      var shown = 0;
      list.querySelectorAll(".kpi-list__group").forEach(function (group) {
        var groupOn = !strategy || group.dataset.strategy === strategy;
        var rows = 0;
        group.querySelectorAll("tbody.kpi-row").forEach(function (kpi) {
          var on = groupOn && (!status || kpi.dataset.status === status);
          kpi.hidden = !on;
          if (on) { rows += 1; }
        });
        group.hidden = rows === 0;
        shown += rows;
      });
      counter.textContent = counter.dataset.template.replace("{n}", String(shown));
      // A filtered group is shorter than the estimate its lazy body carries: draw them all.
      list.classList.toggle("kpi-list--filtered", Boolean(status || strategy));
    }
    form.addEventListener("change", apply);
    apply();
  }

  // The language switch keeps the reader's place: KPIs, measures and policies have the same anchors
  // in both languages (kpi-1-1-1-1, measure-1-1-1, policy-1-1), so the other language's page opens at
  // the anchor in the address or, failing that, at the KPI or heading at the top of the screen.
  var PLACES = ".md-content tbody[id^='kpi-'], .md-content h2[id^='policy-'], .md-content h3[id^='measure-']";
  function currentPlace() {
    var header = document.querySelector(".md-header");
    var line = (header ? header.getBoundingClientRect().bottom : 0) + 24;
    var hash = window.location.hash;
    var target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target) {
      var t = target.getBoundingClientRect();
      if (t.bottom > line && t.top < window.innerHeight) { return hash; }   // still on screen
    }
    if (window.scrollY < 1) { return ""; }   // at the top: the other page opens at its top too
    // the first KPI or heading not yet scrolled past (more than a sliver of it below the header)
    var candidates = document.querySelectorAll(PLACES);
    for (var i = 0; i < candidates.length; i++) {
      var r = candidates[i].getBoundingClientRect();
      if (r.bottom > line) { return r.top < window.innerHeight ? "#" + candidates[i].id : ""; }
    }
    return "";
  }
  function initLanguageSwitch() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var base = link.getAttribute("href").split("#")[0];
      function update() { link.setAttribute("href", base + currentPlace()); }
      ["pointerdown", "focus", "click"].forEach(function (type) { link.addEventListener(type, update); });
    });
  }

  // Material wraps every content table in a sideways-scrolling div. A scrolling region that holds
  // nothing focusable cannot be scrolled with the keyboard (WCAG 2.1.1; axe
  // "scrollable-region-focusable"), so a wrapper that overflows is a labelled, focusable region.
  // Until a wrapper has been laid out it is one too: it may sit in a section body the browser is
  // skipping (site.css), where measuring it would force the very layout being saved. Once the
  // observer reports it drawn, a wrapper that fits stops being a tab stop (unless it has the focus).
  var tableWord = lang === "en" ? "Table" : "表";
  function makeScrollRegion(wrap) {
    if (wrap.hasAttribute("tabindex")) { return; }
    var caption = wrap.querySelector("caption");
    var name = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", name || tableWord);
  }
  function updateScrollRegion(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      makeScrollRegion(wrap);
    } else if (wrap.hasAttribute("tabindex") && document.activeElement !== wrap) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }
  var scrollObserver = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var wrap = entry.target.closest(".md-typeset__scrollwrap");
      if (wrap) { updateScrollRegion(wrap); }
    });
  }) : null;
  function initScrollRegions() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.dataset.scrollRegion) { return; }
      wrap.dataset.scrollRegion = "1";
      if (!scrollObserver) { updateScrollRegion(wrap); return; }
      makeScrollRegion(wrap);
      wrap.addEventListener("focusout", function () { updateScrollRegion(wrap); });
      scrollObserver.observe(wrap);
      var table = wrap.querySelector("table");
      if (table) { scrollObserver.observe(table); }
    });
  }

  // Keyboard access to Material's CSS-only toggles. Material opens the navigation drawer, the
  // search (small screens) and the drawer's sub-panels with <label>s for hidden checkboxes: they
  // cannot be focused, and the links of a closed panel stay focusable although they are off-screen
  // (site.css now hides closed panels). Here each such label gets a real <button> beside it (same
  // classes and content, named) that clicks the label, so Material sees the very toggle a pointer
  // click makes; the label leaves the tab order and the accessibility tree while its button is in
  // use (without JavaScript the labels work as before). Focus follows the panel that opens, Escape
  // closes the drawer (focus back on the menu button) and so does tabbing out of it.
  var buttonNames = {
    drawer: lang === "en" ? "Navigation menu" : "ナビゲーションメニュー",
    search: lang === "en" ? "Search" : "検索"
  };
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");  // Material's drawer breakpoint

  function buttonFor(label) { return label.previousElementSibling && label.previousElementSibling.siteLabel === label ? label.previousElementSibling : null; }
  function makeButton(label) {
    var button = buttonFor(label);
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = label.className;
      button.setAttribute("data-site-toggle", label.htmlFor);
      for (var n = label.firstChild; n; n = n.nextSibling) { button.appendChild(n.cloneNode(true)); }
      button.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      button.siteLabel = label;
      button.addEventListener("click", function (ev) {
        label.click();
        syncExpanded(button);
        // activated from the keyboard (a pointer click has a click count): focus follows the toggle
        if (ev.detail === 0) { window.setTimeout(function () { afterToggle(button); }, 50); }
      });
      label.parentNode.insertBefore(button, label);  // before: Material's "label + link" rules still hold
    }
    button.hidden = false;
    if (!label.hasAttribute("data-site-replaced")) {
      label.setAttribute("data-site-replaced", label.getAttribute("tabindex") === null ? "-" : label.getAttribute("tabindex"));
    }
    label.setAttribute("tabindex", "-1");
    label.setAttribute("aria-hidden", "true");
    return button;
  }
  function unmakeButton(label) {
    var button = buttonFor(label);
    if (button) { button.hidden = true; }
    if (!label.hasAttribute("data-site-replaced")) { return; }
    var tabindex = label.getAttribute("data-site-replaced");
    if (tabindex !== "-") { label.setAttribute("tabindex", tabindex); } else { label.removeAttribute("tabindex"); }
    label.removeAttribute("aria-hidden");
    label.removeAttribute("data-site-replaced");
  }
  function syncExpanded(button) {
    var toggle = document.getElementById(button.getAttribute("data-site-toggle"));
    if (toggle && !button.hidden && button.hasAttribute("aria-expanded")) {
      button.setAttribute("aria-expanded", String(toggle.checked));
    }
  }
  // Sub-panel openers and "back" titles only act as buttons where the drawer is in use.
  function updateNavButtons() {
    document.querySelectorAll(
      ".md-nav--primary label.md-nav__link[for], .md-nav--primary label.md-nav__title[for]:not([for='__drawer'])"
    ).forEach(function (label) {
      if (drawerMode.matches) {
        var button = makeButton(label);
        if (label.classList.contains("md-nav__link")) { button.setAttribute("aria-expanded", "false"); }
        syncExpanded(button);
      } else { unmakeButton(label); }
    });
  }
  function isShown(el) {
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && window.getComputedStyle(el).visibility === "visible";
  }
  function focusFirstIn(container) {
    var items = container.querySelectorAll("a[href], button[data-site-toggle]:not([hidden])");
    for (var i = 0; i < items.length; i++) {
      if (isShown(items[i]) && !items[i].closest(".md-nav__toggle:not(:checked) ~ .md-nav")) {
        items[i].focus();
        return;
      }
    }
  }
  function afterToggle(button) {
    var toggle = document.getElementById(button.getAttribute("data-site-toggle"));
    if (!toggle) { return; }
    syncExpanded(button);
    if (toggle.id === "__drawer") {
      var drawer = document.querySelector(".md-sidebar--primary");
      if (toggle.checked && drawer) { focusFirstIn(drawer); }
    } else if (toggle.classList.contains("md-nav__toggle")) {
      var panel = toggle.parentNode.querySelector(":scope > .md-nav");
      if (toggle.checked && panel) {
        var back = panel.querySelector(":scope > button.md-nav__title[data-site-toggle]:not([hidden])");
        if (back) { back.focus(); } else { focusFirstIn(panel); }
      } else {
        var opener = toggle.parentNode.querySelector(":scope > button.md-nav__link[data-site-toggle]:not([hidden])");
        if (opener) { opener.focus(); }
      }
    }
  }
  function closeDrawer(drawer) {
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function initToggleButtons() {
    document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
      var toggle = document.getElementById(label.htmlFor);
      var kind = toggle && toggle.getAttribute("data-md-toggle");
      if (!kind || !buttonNames[kind]) { return; }
      var button = makeButton(label);
      label.hidden = true;
      button.setAttribute("aria-label", buttonNames[kind]);
      if (kind === "drawer") { button.setAttribute("aria-expanded", "false"); syncExpanded(button); }
    });
    updateNavButtons();
    if (drawerMode.addEventListener) { drawerMode.addEventListener("change", updateNavButtons); }
    document.addEventListener("change", function (ev) {
      var toggle = ev.target;
      if (!toggle.id) { return; }
      document.querySelectorAll("button[data-site-toggle='" + toggle.id + "']").forEach(syncExpanded);
    });
    // (Material also opens and closes toggles without a change event: aria-expanded is refreshed
    // on focus.) Tabbing out of the open drawer closes it, as Material closes the search, so the
    // focus is never on the page hidden under the drawer's overlay.
    document.addEventListener("focusin", function (ev) {
      if (ev.target.matches && ev.target.matches("button[data-site-toggle]")) { syncExpanded(ev.target); }
      var drawer = document.getElementById("__drawer");
      if (!drawer || !drawer.checked || !drawerMode.matches) { return; }
      if (ev.target.closest(".md-sidebar--primary, [data-site-toggle='__drawer']")) { return; }
      closeDrawer(drawer);
    });
    document.addEventListener("keydown", function (ev) {
      var drawer = document.getElementById("__drawer");
      if (ev.key === "Escape" && drawer && drawer.checked) {
        closeDrawer(drawer);
        var button = document.querySelector(".md-header button[data-site-toggle='__drawer']");
        if (button) { button.focus(); }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initCharts(); initFilter(); initToggleButtons(); initLanguageSwitch();
  });
  // Material's documented hook: runs once its components (the table wrappers among them) are mounted.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initScrollRegions);
  } else {
    document.addEventListener("DOMContentLoaded", initScrollRegions);
  }
  window.addEventListener("load", initScrollRegions);
})();
