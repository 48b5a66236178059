/*
 * Serve Mermaid from this site, on every way a reader reaches a page.
 *
 * Material for MkDocs renders diagrams itself and, when no global `mermaid`
 * exists, fetches Mermaid from a CDN. mermaid2 adds the local library only to
 * pages that contain diagrams, and only on a full page load, so a diagram page
 * reached by instant navigation would fall back to the CDN. This shim stands in
 * for the library: Material calls `initialize` and `render` on it, and the first
 * `render` loads the site's own copy, replays the configuration and delegates.
 */
(function () {
  if (typeof window.mermaid !== "undefined") return;
  var script = document.currentScript;
  var source = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  var config = null;
  var library = null;

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

  window.mermaid = {
    initialize: function (options) { config = options; },
    render: function (id, text) {
      return load().then(function (real) { return real.render(id, text); });
    },
  };
})();
