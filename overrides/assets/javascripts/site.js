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
      // "Status changed since the previous edition": only there when the edition has a previous one.
      var changedOnly = Boolean(form.elements.changed && form.elements.changed.checked);
      var shown = 0;
      list.querySelectorAll(".kpi-list__group").forEach(function (group) {
        var groupOn = !strategy || group.dataset.strategy === strategy;
        var rows = 0;
        group.querySelectorAll("tbody.kpi-row").forEach(function (kpi) {
          var on = groupOn && (!status || kpi.dataset.status === status) &&
            (!changedOnly || kpi.dataset.changed === "yes");
          kpi.hidden = !on;
          if (on) { rows += 1; }
        });
        group.hidden = rows === 0;
        shown += rows;
      });
      counter.textContent = counter.dataset.template.replace("{n}", String(shown));
      // A filtered group is shorter than the estimate its lazy body carries: draw them all.
      list.classList.toggle("kpi-list--filtered", Boolean(status || strategy || changedOnly));
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
    var candidates = document.querySelectorAll(PLACES);
    // still in the page's introduction, above the first KPI or heading: the other page opens at its top
    if (!candidates.length || candidates[0].getBoundingClientRect().top > line) { return ""; }
    // the first KPI or heading not yet scrolled past (more than a sliver of it below the header)
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

  document.addEventListener("DOMContentLoaded", function () { initCharts(); initFilter(); initLanguageSwitch(); });
})();
