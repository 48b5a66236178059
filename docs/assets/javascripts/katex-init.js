/* Render the maths that pymdownx.arithmatex marks, on every page view
 * (including pages reached by instant navigation). KaTeX is served by the site. */
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
});
