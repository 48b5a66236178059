/*
 * Offline copy only (listed in mkdocs-offline.yml): a page opened from disk
 * cannot start a web worker from a file:// URL, and Chromium refuses the
 * iframe stand-in too. Material's search worker source is embedded in
 * offline-search-worker.js (written by hooks/render_offline_search.py), so the
 * worker starts from a blob: URL instead.
 *
 * The file name contains "iframe-worker" on purpose: Material's offline plugin
 * adds the iframe-worker shim from a CDN unless a polyfill with that name is
 * already listed, and this file is what replaces it.
 */
(function () {
  if (location.protocol !== "file:" || typeof window.__handbookSearchWorker !== "string") return;
  var NativeWorker = window.Worker;
  window.Worker = function (url, options) {
    var blob = new Blob([window.__handbookSearchWorker], { type: "text/javascript" });
    return new NativeWorker(URL.createObjectURL(blob), options);
  };
})();
