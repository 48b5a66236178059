/*
 * Practice mode for case studies and the visual refresher: hide the design
 * (diagrams and model answers) behind "reveal" buttons so the reader can
 * sketch it first. The choice is remembered across pages (localStorage) and
 * re-applied after every instant navigation; so is what the reader has
 * revealed on each page (sessionStorage, until practice mode is switched off
 * or the tab is closed). Concealed content stays laid out (so diagrams still
 * render) but is invisible and inert, so screen readers and the keyboard skip
 * it; each reveal control is a real button with aria-expanded and
 * aria-controls, named after what it reveals. A diagram's caption stays
 * visible: it is what the reader draws from.
 */
(function () {
  var KEY = "handbook.practiceMode";
  var REVEALED = "handbook.revealed:";
  var TARGETS = "pre.mermaid, div.mermaid, details.question";
  var counter = 0;

  function isOn() {
    try { return localStorage.getItem(KEY) === "on"; } catch (error) { return false; }
  }

  function remember(on) {
    try { localStorage.setItem(KEY, on ? "on" : "off"); } catch (error) { /* private mode: not remembered */ }
  }

  /* Indexes of what the reader revealed on this page, in document order of TARGETS. */
  function revealed() {
    try { return JSON.parse(sessionStorage.getItem(REVEALED + location.pathname) || "[]"); } catch (error) { return []; }
  }

  function forgetAllRevealed() {
    try {
      Object.keys(sessionStorage).forEach(function (key) {
        if (key.indexOf(REVEALED) === 0) sessionStorage.removeItem(key);
      });
    } catch (error) { /* storage unavailable: nothing remembered */ }
  }

  function rememberRevealed(list) {
    try {
      if (list.length) sessionStorage.setItem(REVEALED + location.pathname, JSON.stringify(list));
      else sessionStorage.removeItem(REVEALED + location.pathname);
    } catch (error) { /* storage unavailable: not remembered */ }
  }

  function describe(element) {
    if (element.matches("details")) {
      var summary = element.querySelector("summary");
      return "Reveal answer: " + (summary ? summary.textContent.trim() : "question");
    }
    /* A snapshot's host is named "Diagram: <title>. Press Enter..."; a live diagram carries its title in the source. */
    var name = (element.getAttribute("aria-label") || "").match(/^Diagram: (.*?)\. Press Enter/);
    var source = (element.textContent || "").match(/accTitle:\s*(.+)/);
    var title = name ? name[1] : source ? source[1].trim() : "";
    return title ? "Reveal diagram: " + title : "Reveal diagram";
  }

  function conceal(element, index) {
    if (element.closest(".practice-concealed")) return;
    var wrapper = document.createElement("div");
    var content = document.createElement("div");
    var button = document.createElement("button");
    content.id = "practice-content-" + (++counter);
    content.className = "practice-concealed__content";
    content.setAttribute("inert", "");
    button.type = "button";
    button.className = "md-button practice-concealed__reveal";
    button.textContent = describe(element);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", content.id);
    wrapper.className = "practice-concealed";
    wrapper.setAttribute("data-practice-index", String(index));
    element.parentNode.insertBefore(wrapper, element);
    content.appendChild(element);
    wrapper.appendChild(button);
    wrapper.appendChild(content);
    button.addEventListener("click", function () {
      var list = revealed();
      if (list.indexOf(index) < 0) rememberRevealed(list.concat([index]));
      reveal(wrapper, true);
    });
  }

  function reveal(wrapper, focus) {
    var content = wrapper.querySelector(".practice-concealed__content");
    var parent = wrapper.parentNode;
    while (content.firstChild) parent.insertBefore(content.firstChild, wrapper);
    var shown = wrapper.previousElementSibling;
    parent.removeChild(wrapper);
    if (focus && shown) {
      if (!shown.hasAttribute("tabindex")) shown.setAttribute("tabindex", "-1");
      shown.focus();
    }
  }

  function apply(article) {
    var on = isOn();
    var toggle = article.querySelector("[data-practice-toggle] button");
    if (toggle) {
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "Practice mode: on (show everything)" : "Practice mode: off (hide the design)";
    }
    if (on) {
      var shown = revealed();
      article.querySelectorAll(TARGETS).forEach(function (element, index) {
        if (shown.indexOf(index) < 0) conceal(element, index);
      });
    } else {
      article.querySelectorAll(".practice-concealed").forEach(function (wrapper) { reveal(wrapper, false); });
    }
  }

  function mount() {
    var slot = document.querySelector("[data-practice-toggle]");
    if (!slot) return;
    var article = slot.closest("article") || document.body;
    if (!slot.querySelector("button")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button md-button--primary";
      button.addEventListener("click", function () {
        remember(!isOn());
        forgetAllRevealed();
        apply(article);
      });
      slot.appendChild(button);
    }
    apply(article);
  }

  document$.subscribe(mount);
})();
