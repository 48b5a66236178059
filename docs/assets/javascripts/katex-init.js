/* Render the maths that pymdownx.arithmatex marks, on every page view
 * (including pages reached by instant navigation). KaTeX is served by the site.
 * A displayed formula larger than its box scrolls; like Material's
 * code blocks, it is then made focusable so keyboard users can scroll it too. */
(function () {
  function makeWideFormulasFocusable() {
    document.querySelectorAll("div.arithmatex").forEach(function (block) {
      if (block.scrollWidth > block.clientWidth || block.scrollHeight > block.clientHeight) block.setAttribute("tabindex", "0");
      else block.removeAttribute("tabindex");
    });
  }

  document$.subscribe(function () {
    document.querySelectorAll(".arithmatex").forEach(function (element) {
      renderMathInElement(element, {
        delimiters: [
          { left: "\\(", right: "\\)", display: false },
          { left: "\\[", right: "\\]", display: true },
        ],
        throwOnError: true,
      });
    });
    makeWideFormulasFocusable();
    document.fonts.ready.then(makeWideFormulasFocusable); // KaTeX's fonts change the sizes
  });
  window.addEventListener("resize", makeWideFormulasFocusable);
})();
