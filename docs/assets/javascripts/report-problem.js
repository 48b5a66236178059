/* "Report a problem" under each title opens a new issue whose form already names the page
 * (hooks/render_title.py writes the link). Following it, this adds where the reader was:
 *   - text they selected on the page is quoted in the form, with the section it sits in;
 *   - otherwise the section they were reading before scrolling back up to the link
 *     (or the one in view when they follow it from further down).
 * State resets on every page view, instant navigation included; without scripts the link
 * still names the page. */
(function () {
  var HEADER_ALLOWANCE = 120; /* px hidden under Material's header */
  var FIRST_SCREEN = 400;     /* scrolled less than this, the reader is at the title */
  var QUOTE_LIMIT = 300;
  var state = { section: "", quote: "" };

  function headings() {
    return document.querySelectorAll(".md-content article h2[id], .md-content article h3[id]");
  }

  function describe(heading) {
    if (!heading) return "";
    var title = Array.prototype.filter.call(heading.childNodes, function (node) {
      return !(node.classList && node.classList.contains("headerlink"));
    }).map(function (node) { return node.textContent; }).join("").trim();
    return title + " (#" + heading.id + ")";
  }

  function sectionInView() {
    var found = null;
    headings().forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= HEADER_ALLOWANCE) found = heading;
    });
    return describe(found);
  }

  function sectionOf(node) {
    var found = null;
    headings().forEach(function (heading) {
      if (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) found = heading;
    });
    return describe(found);
  }

  function rememberScroll() {
    if (window.scrollY > FIRST_SCREEN && !state.quote) state.section = sectionInView();
  }

  function rememberSelection() {
    var selection = document.getSelection();
    var text = selection ? selection.toString().trim() : "";
    var article = document.querySelector(".md-content article");
    if (!text || !article || !article.contains(selection.anchorNode)) return;
    state.quote = text.length > QUOTE_LIMIT ? text.slice(0, QUOTE_LIMIT) + "…" : text;
    state.section = sectionOf(selection.anchorNode);
  }

  function fillIn(event) {
    var link = event.target.closest && event.target.closest("a.report-problem");
    if (!link) return;
    var url = new URL(link.href);
    var section = window.scrollY > FIRST_SCREEN && !state.quote ? sectionInView() : state.section;
    url.searchParams.delete("section");
    url.searchParams.delete("problem");
    if (section) url.searchParams.set("section", section);
    if (state.quote) url.searchParams.set("problem", "> " + state.quote.replace(/\n+/g, "\n> ") + "\n\n");
    link.href = url.toString();
  }

  var pending = false;
  window.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; rememberScroll(); });
  }, { passive: true });
  document.addEventListener("selectionchange", rememberSelection);
  /* pointerdown and keydown come before the browser follows the link; click covers the rest. */
  ["pointerdown", "keydown", "click"].forEach(function (type) {
    document.addEventListener(type, fillIn, true);
  });
  document$.subscribe(function () { state = { section: "", quote: "" }; });
})();
