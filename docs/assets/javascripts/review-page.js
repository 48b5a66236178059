/*
 * The review page (practice/review.md): the questions due today under the schedule in self-check.js, each
 * with its answer behind a reveal and the same Got it / Missed controls; counts; export, import and reset.
 * The questions come from a generated script (assets/javascripts/generated/questions.js, written by
 * hooks/render_self_check.py) loaded only here, with <script src> so that it also works from file://.
 * A question marked here stays in the list until the page is opened again.
 */
(function () {
  function loadQuestions(container) {
    return new Promise(function (resolve, reject) {
      if (window.handbookQuestions) { resolve(window.handbookQuestions.questions); return; }
      var script = document.createElement("script");
      script.src = container.getAttribute("data-questions-script");
      script.onload = function () { resolve(window.handbookQuestions.questions); };
      script.onerror = function () { reject(new Error("The question list could not be loaded.")); };
      document.head.appendChild(script);
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function counts(questions, today) {
    var marks = window.handbookSelfCheck.load().questions;
    var result = { due: 0, marked: 0, total: questions.length };
    questions.forEach(function (question) {
      var item = marks[question.id];
      if (item) result.marked += 1;
      if (window.handbookSelfCheck.isDue(item, today)) result.due += 1;
    });
    return result;
  }

  function renderCounts(list, questions) {
    var numbers = counts(questions, window.handbookStore.today());
    list.textContent = "";
    [["Due today", numbers.due], ["Marked", numbers.marked], ["Never marked", numbers.total - numbers.marked]]
      .forEach(function (pair) {
        var item = element("li", null, pair[0] + ": ");
        item.appendChild(element("strong", null, String(pair[1])));
        list.appendChild(item);
      });
  }

  function renderQuestion(question, root) {
    var item = element("li", "review__item");
    var details = element("details", "question");
    details.setAttribute("data-question-id", question.id);
    var summary = element("summary");
    summary.innerHTML = question.question;
    details.appendChild(summary);
    var answer = element("div", "review__answer");
    answer.innerHTML = question.answer;
    answer.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!/^([a-z]+:|\/)/i.test(href)) link.setAttribute("href", root + href);
    });
    details.appendChild(answer);
    var source = element("p", "review__source", "From ");
    var link = element("a", null, question.page);
    link.href = root + question.url;
    source.appendChild(link);
    item.appendChild(source);
    item.appendChild(details);
    return item;
  }

  function renderDue(list, questions, root) {
    var today = window.handbookStore.today();
    var marks = window.handbookSelfCheck.load().questions;
    list.textContent = "";
    questions.filter(function (question) { return window.handbookSelfCheck.isDue(marks[question.id], today); })
      .forEach(function (question) { list.appendChild(renderQuestion(question, root)); });
    window.handbookSelfCheck.decorate(list);
    return list.children.length;
  }

  function button(label, onClick) {
    var node = element("button", "md-button", label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function tools(render, message) {
    var bar = element("div", "review__tools");
    bar.appendChild(button("Export progress", function () { window.handbookStore.exportFile(); }));
    var input = element("input", "review__file");
    input.type = "file";
    input.accept = "application/json,.json";
    input.id = "review-import-file";
    input.setAttribute("aria-label", "Import progress from a file");
    var label = element("label", "md-button", "Import progress");
    label.htmlFor = input.id;
    input.addEventListener("change", function () {
      var file = input.files[0];
      input.value = "";
      window.handbookStore.importFile(file).then(function (keys) {
        render();
        message("Imported " + keys.length + " saved " + (keys.length === 1 ? "item" : "items") + ": " + keys.join(", ") + ".", false);
      }, function (error) {
        message("Import failed: " + error.message + " Nothing was changed.", true);
      });
    });
    bar.appendChild(input);
    bar.appendChild(label);
    bar.appendChild(button("Reset all progress", function () {
      if (!window.confirm("Delete every mark, studied page and rubric attempt kept in this browser? Export first to keep a copy.")) return;
      window.handbookStore.reset();
      render();
      message("All study progress in this browser was deleted.", false);
    }));
    return bar;
  }

  function mount() {
    var container = document.querySelector("[data-review]");
    if (!container || container.hasAttribute("data-review-ready")) return;
    container.setAttribute("data-review-ready", "");
    container.hidden = false;
    if (!window.handbookStore.available) {
      container.appendChild(element("p", "review__note",
        "Your browser blocks storage for this page (private mode or a site setting), so marks cannot be kept. " +
        "The questions are still on their pages and in the flashcards."));
      return;
    }
    var root = container.getAttribute("data-site-root");
    var countList = element("ul", "review__counts");
    var status = element("p", "review__status");
    status.setAttribute("role", "status");
    var heading = element("h2", null, "Due today");
    heading.id = "due-today";
    var dueList = element("ol", "review__list");
    var empty = element("p", "review__empty", "Nothing is due today. Mark questions on their pages, or come back tomorrow.");
    container.appendChild(countList);
    loadQuestions(container).then(function (questions) {
      function render() {
        renderCounts(countList, questions);
        empty.hidden = renderDue(dueList, questions, root) > 0;
      }
      function message(text, isError) {
        status.textContent = text;
        status.classList.toggle("review__status--error", isError);
      }
      container.appendChild(tools(render, message));
      container.appendChild(status);
      container.appendChild(heading);
      container.appendChild(empty);
      container.appendChild(dueList);
      container.addEventListener("handbook:marked", function () { renderCounts(countList, questions); });
      render();
    }, function (error) {
      container.appendChild(element("p", "review__note", error.message));
    });
  }

  document$.subscribe(mount);
})();
