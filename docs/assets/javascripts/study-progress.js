/*
 * Study progress (hooks/render_study_progress.py writes the hidden slots):
 *   - [data-study-page]: the "Mark as studied" toggle after a case study, framework step or cheat sheet;
 *     opening such a page also records it as the last visited one;
 *   - [data-study-progress]: the home page's and study plan's panel, per part "N of M studied", the questions
 *     marked, and "Continue where you left off". The page lists come from the build (the data attribute).
 * Stored in handbook:studied {version, pages: {<source path>: date}} and handbook:last-visited
 * {version, path, title, time}. Without storage the slots say so; without scripts they stay hidden.
 */
(function () {
  var STUDIED = "handbook:studied";
  var LAST_VISITED = "handbook:last-visited";
  var BLOCKED = "Your browser blocks storage for this page (private mode or a site setting), so progress cannot be kept.";
  var NOTHING_YET = "Your progress will show here once you mark a page as studied or a question as got it or " +
    "missed (kept in this browser only).";

  function studied() {
    var data = window.handbookStore.get(STUDIED, null);
    return data && data.pages ? data : { version: 1, pages: {} };
  }

  function note(slot, text) {
    var paragraph = document.createElement("p");
    paragraph.className = "study-note";
    paragraph.textContent = text;
    slot.appendChild(paragraph);
    slot.hidden = false;
  }

  function mountToggle(slot) {
    var path = slot.getAttribute("data-study-page");
    if (!window.handbookStore.available) { note(slot, BLOCKED); return; }
    window.handbookStore.set(LAST_VISITED, {
      version: 1, path: path, title: slot.getAttribute("data-study-title"), time: new Date().toISOString()
    });
    /* A toggle keeps its name; the state is aria-pressed, the date a line beside it. */
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Mark as studied";
    var status = document.createElement("span");
    status.className = "study-toggle__status";
    function show() {
      var date = studied().pages[path];
      button.setAttribute("aria-pressed", date ? "true" : "false");
      status.textContent = date ? " Studied on " + date + "." : "";
    }
    button.addEventListener("click", function () {
      var data = studied();
      if (data.pages[path]) delete data.pages[path];
      else data.pages[path] = window.handbookStore.today();
      window.handbookStore.set(STUDIED, data);
      show();
    });
    show();
    slot.appendChild(button);
    slot.appendChild(status);
    slot.hidden = false;
  }

  function line(text, strong) {
    var item = document.createElement("li");
    item.appendChild(document.createTextNode(text));
    var number = document.createElement("strong");
    number.textContent = strong;
    item.appendChild(number);
    return item;
  }

  function mountPanel(slot) {
    if (!window.handbookStore.available) { note(slot, BLOCKED); return; }
    var data = JSON.parse(slot.getAttribute("data-study-progress"));
    var done = studied().pages;
    var marks = window.handbookStore.get("handbook:self-check", { questions: {} }).questions || {};
    var last = window.handbookStore.get(LAST_VISITED, null);
    // A first visit gets one line, not a list of zeros.
    if (!Object.keys(done).length && !Object.keys(marks).length && !last) { note(slot, NOTHING_YET); return; }
    var heading = document.createElement("p");
    heading.className = "study-progress__title";
    heading.textContent = "Your progress (kept in this browser only)";
    var list = document.createElement("ul");
    data.parts.forEach(function (part) {
      var count = part.pages.filter(function (page) { return done[page.path]; }).length;
      list.appendChild(line(part.label + ": ", count + " of " + part.pages.length + " studied"));
    });
    list.appendChild(line("Questions marked: ", Object.keys(marks).length + " of " + data.questions));
    slot.appendChild(heading);
    slot.appendChild(list);
    var target = null;
    data.parts.forEach(function (part) {
      part.pages.forEach(function (page) { if (last && page.path === last.path) target = page; });
    });
    if (target) {
      var resume = document.createElement("p");
      resume.className = "study-progress__continue";
      resume.appendChild(document.createTextNode("Continue where you left off: "));
      var link = document.createElement("a");
      link.href = target.url;
      link.textContent = target.title;
      resume.appendChild(link);
      slot.appendChild(resume);
    }
    slot.hidden = false;
  }

  function mount() {
    document.querySelectorAll("[data-study-page]:not([data-study-ready])").forEach(function (slot) {
      slot.setAttribute("data-study-ready", "");
      mountToggle(slot);
    });
    document.querySelectorAll("[data-study-progress]:not([data-study-ready])").forEach(function (slot) {
      slot.setAttribute("data-study-ready", "");
      mountPanel(slot);
    });
  }

  document$.subscribe(mount);
})();
