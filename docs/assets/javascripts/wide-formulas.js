/* Formulas are typeset at build time (hooks/render_maths.py), so no KaTeX runs here.
 * A displayed formula or a table wider than its box scrolls; like Material's code blocks,
 * it is then made focusable so keyboard users can scroll it too (Material wraps each table
 * in a scroll wrapper but leaves it out of the tab order). This is checked on every page
 * view (including instant navigation), once KaTeX's fonts have loaded (they change the
 * sizes) and on resize. */
(function () {
  var SCROLLERS = "div.arithmatex, .md-typeset__scrollwrap";

  function makeWideBlocksFocusable() {
    document.querySelectorAll(SCROLLERS).forEach(function (block) {
      if (block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight) block.setAttribute("tabindex", "0");
      else block.removeAttribute("tabindex");
    });
  }

  document$.subscribe(function () {
    makeWideBlocksFocusable();
    document.fonts.ready.then(makeWideBlocksFocusable);
  });
  window.addEventListener("resize", makeWideBlocksFocusable);
})();
