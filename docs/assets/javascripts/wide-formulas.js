/* Formulas are typeset at build time (hooks/render_maths.py), so no KaTeX runs here.
 * A displayed formula wider than its box scrolls; like Material's code blocks,
 * it is then made focusable so keyboard users can scroll it too. This is checked
 * on every page view (including instant navigation), once KaTeX's fonts have
 * loaded (they change the sizes) and on resize. */
(function () {
  function makeWideFormulasFocusable() {
    document.querySelectorAll("div.arithmatex").forEach(function (block) {
      if (block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight) block.setAttribute("tabindex", "0");
      else block.removeAttribute("tabindex");
    });
  }

  document$.subscribe(function () {
    makeWideFormulasFocusable();
    document.fonts.ready.then(makeWideFormulasFocusable);
  });
  window.addEventListener("resize", makeWideFormulasFocusable);
})();
