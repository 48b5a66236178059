/*
 * Download the search index when the reader first reaches for search, not on every page load.
 *
 * Material's bundle requests `search/search_index.json` (about 3 MB, 1 MB compressed) as soon as a page opens
 * and parses it on the main thread, which on a phone is most of a page's download and a long task before the
 * reader can scroll. This script runs first (it is the first deferred script of every page: overrides/main.html)
 * and holds that one request back until the reader shows intent: pointer or focus on the search box or its
 * button, one of Material's search shortcuts (`/`, `s`, `f`), or a page reached from a search result (its
 * `?h=` highlight needs the index). Then the held request goes out unchanged; Material shows "Initializing
 * search" meanwhile, as it does on a slow network.
 *
 * The offline copy (file://) loads the index as a script instead (`search/search_index.js`), which this leaves
 * alone: there, it is read from disk.
 */
(function () {
  if (window.handbookSearchIndex) return;
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var SHORTCUTS = ["/", "s", "f"];
  var held = [];
  var released = false;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request.xhr, request.args); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.handbookSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.handbookSearchIndex && !released) {
      held.push({ xhr: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function inSearch(target) {
    return target instanceof Element && target.closest("[data-md-component=search], label[for=__search]") !== null;
  }
  ["pointerdown", "pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) { if (inSearch(event.target)) release(); }, true);
  });
  document.addEventListener("keydown", function (event) {
    if (SHORTCUTS.indexOf(event.key) !== -1) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") release();
  }, true);
  if (new URLSearchParams(location.search).has("h")) release();

  /* For tests and for scripts that need search at once. */
  window.handbookSearchIndex = { release: release, isReleased: function () { return released; } };
})();
