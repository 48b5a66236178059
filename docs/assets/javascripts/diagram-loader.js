/*
 * Serve Mermaid from this site, and only when a diagram is about to be seen.
 *
 * Material for MkDocs renders diagrams itself and, when no global `mermaid`
 * exists, fetches Mermaid from a CDN. This shim stands in for the library on
 * every page (so instant navigation never reaches for the CDN): Material calls
 * `initialize` and `render` on it. Each `render` waits until its diagram's
 * source block comes within one screen of the viewport, then loads the site's
 * own copy of Mermaid (once), replays the configuration and delegates. A page
 * whose diagrams are all below the fold therefore loads no Mermaid at all
 * until the reader scrolls.
 *
 * Everything renders at once when the reader prints, on the print-site page
 * (the PDF is printed from it) and in browsers without IntersectionObserver.
 *
 * The configuration Material passes is completed with the handbook's diagram
 * font and visual language (VISUAL_LANGUAGE below; contributing/conventions.md),
 * and nothing is drawn before that font has loaded: Mermaid sizes every label
 * box with the font it measures, and `make diagrams` renders snapshots through
 * this same shim, so a snapshot's boxes fit its labels on every machine.
 *
 * Most diagrams never need Mermaid: the build inlines their pre-rendered SVG
 * (`make diagrams`) in a declarative shadow root. The browser attaches those
 * when it parses a page, but not in pages that instant navigation parses with
 * DOMParser, so after every page view the leftover templates are attached here.
 */
(function () {
  function attachSnapshots() {
    document.querySelectorAll("div.mermaid > template[shadowrootmode]").forEach(function (template) {
      var host = template.parentNode;
      if (!host.shadowRoot) host.attachShadow({ mode: template.getAttribute("shadowrootmode") }).appendChild(template.content);
      template.remove();
    });
  }
  if (window.attachDiagramSnapshots) return;
  window.attachDiagramSnapshots = attachSnapshots;
  document.addEventListener("DOMContentLoaded", function () {
    if (window.document$) window.document$.subscribe(attachSnapshots);
    else attachSnapshots();
  });
})();

(function () {
  if (typeof window.mermaid !== "undefined") return;
  var source = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  var AHEAD = "100% 0px"; // start rendering one screen before a diagram is visible
  var config = null;
  var library = null;
  var claimed = new WeakSet();
  var FONT = '"Handbook Inter", sans-serif';
  /* Offline parts dashed and grey, the online request path solid in the primary colour:
     by subgraph id (`offline`, `online`, as architecture diagrams must have) or by class
     (`class x offline`, `a:::online`). Colours are the site's variables (handbook.css). */
  var SHAPES = ":is(rect,polygon,circle,ellipse,path):not(.label *)";
  var VISUAL_LANGUAGE = [
    ".cluster.offline>rect,.cluster[id$='-offline']>rect,.node.offline " + SHAPES +
      "{fill:var(--handbook-offline-fill)!important;stroke:var(--handbook-offline-stroke)!important;stroke-width:1.5px;stroke-dasharray:7 4}",
    ".cluster.online>rect,.cluster[id$='-online']>rect,.node.online " + SHAPES +
      "{fill:var(--handbook-online-fill)!important;stroke:var(--handbook-online-stroke)!important;stroke-width:2px}",
    ".cluster.offline .cluster-label,.cluster[id$='-offline'] .cluster-label,.cluster.online .cluster-label,.cluster[id$='-online'] .cluster-label{font-weight:600}",
    /* Charts (xychart, quadrantChart) draw with fixed pale colours; give them the site's, so they
       read in light and dark mode and in greyscale print: the first series solid in the primary
       colour, the second dashed grey, the third dotted in the accent colour (Mermaid numbers the
       series of a chart together, so lines come before bars); bars pale with a primary outline. */
    ".left-axis text,.bottom-axis text,.chart-title text,.main>.quadrants text,.main>.labels text,.main>.title text,.main>.data-points text{fill:var(--md-default-fg-color)!important}",
    ".left-axis path,.bottom-axis path,.main>.border line{stroke:var(--md-default-fg-color--light)!important}",
    ".main>.background{fill:none!important}",
    ".main>.quadrants rect{fill:var(--md-default-fg-color--lightest)!important;stroke:var(--md-default-fg-color--lighter)!important}",
    ".main>.data-points circle{fill:var(--handbook-online-stroke)!important}",
    "[class^='bar-plot-'] rect{fill:var(--handbook-online-fill)!important;stroke:var(--handbook-online-stroke)!important;stroke-width:1.5px}",
    ".line-plot-0 path{stroke:var(--handbook-online-stroke)!important;stroke-width:3px}",
    ".line-plot-1 path{stroke:var(--handbook-offline-stroke)!important;stroke-width:3px;stroke-dasharray:8 5}",
    ".line-plot-2 path{stroke:var(--md-accent-fg-color)!important;stroke-width:3px;stroke-dasharray:2 4}",
  ].join("");

  function completed(options) {
    return Object.assign({}, options, { fontFamily: FONT, themeCSS: (options.themeCSS || "") + VISUAL_LANGUAGE });
  }

  function fontReady() {
    return document.fonts && document.fonts.load ? document.fonts.load('16px "Handbook Inter"').catch(function () {}) : Promise.resolve();
  }
  var waiting = [];

  function load() {
    if (!library) {
      library = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = source;
        tag.onload = function () { resolve(window.mermaid); };
        tag.onerror = function () { reject(new Error("Mermaid failed to load from " + source)); };
        document.head.appendChild(tag);
      }).then(function (real) {
        return fontReady().then(function () { return real; });
      }).then(function (real) {
        if (config) real.initialize(config);
        return real;
      });
    }
    return library;
  }

  /* The source block Material is about to replace: the first unclaimed one with this text. */
  function sourceBlock(text) {
    var blocks = document.querySelectorAll("pre.mermaid");
    for (var i = 0; i < blocks.length; i++) {
      if (!claimed.has(blocks[i]) && blocks[i].textContent === text) {
        claimed.add(blocks[i]);
        return blocks[i];
      }
    }
    return null;
  }

  function renderEverything() {
    return !("IntersectionObserver" in window) || document.getElementById("print-site-page") !== null;
  }

  function whenNearViewport(block) {
    return new Promise(function (resolve) {
      if (!block || renderEverything()) return resolve();
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) release();
      }, { rootMargin: AHEAD });
      function release() {
        observer.disconnect();
        waiting = waiting.filter(function (other) { return other !== release; });
        resolve();
      }
      waiting.push(release);
      observer.observe(block);
    });
  }

  window.addEventListener("beforeprint", function () {
    waiting.slice().forEach(function (release) { release(); });
  });

  window.mermaid = {
    initialize: function (options) { config = completed(options); },
    render: function (id, text) {
      return whenNearViewport(sourceBlock(text))
        .then(load)
        .then(function (real) { return real.render(id, text); });
    },
  };
})();
