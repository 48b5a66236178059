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
    initialize: function (options) { config = options; },
    render: function (id, text) {
      return whenNearViewport(sourceBlock(text))
        .then(load)
        .then(function (real) { return real.render(id, text); });
    },
  };
})();
