/*
 * Self-check: "Got it" and "Missed" at the end of every question's answer (details.question[data-question-id],
 * ids written by hooks/render_self_check.py), and the spaced-review schedule the review page uses.
 *
 * Schedule (Leitner-like, one rule): a question's interval starts at 1 day; "Got it" doubles it (2, 4, 8, 16,
 * 32, then 60 days at most), "Missed" sets it back to 1 day. The question is due that many days after the
 * mark. Only the last mark of a day counts: pressing the other button replaces it, pressing the pressed one
 * again takes it back. A missed question is due tomorrow, not again today. Unmarked questions are never due.
 *
 * Stored in handbook:self-check (window.handbookStore):
 *   {version: 1, questions: {<id>: {history: [{date, mark: "got"|"missed"}], interval, due}}}
 */
(function () {
  var KEY = "handbook:self-check";
  var FIRST_INTERVAL = 1;
  var MAX_INTERVAL = 60;
  var LABELS = { got: "Got it", missed: "Missed" };

  function addDays(date, days) {
    var parts = date.split("-").map(Number);
    return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days)).toISOString().slice(0, 10);
  }

  function daysBetween(from, to) {
    return Math.round((Date.parse(to) - Date.parse(from)) / 86400000);
  }

  /* {interval, due} after a history of marks (one per day, oldest first); null when never marked. */
  function schedule(history) {
    if (!history.length) return null;
    var interval = FIRST_INTERVAL;
    history.forEach(function (entry) {
      interval = entry.mark === "got" ? Math.min(interval * 2, MAX_INTERVAL) : FIRST_INTERVAL;
    });
    var last = history[history.length - 1].date;
    return { interval: interval, due: addDays(last, interval) };
  }

  function load() {
    var data = window.handbookStore.get(KEY, null);
    return data && data.questions ? data : { version: 1, questions: {} };
  }

  function entry(id) {
    return load().questions[id] || null;
  }

  /* Record today's mark ("got", "missed", or null to take today's mark back); returns the new entry. */
  function mark(id, value) {
    var data = load();
    var today = window.handbookStore.today();
    var history = ((data.questions[id] || {}).history || []).filter(function (item) { return item.date !== today; });
    if (value) history.push({ date: today, mark: value });
    var next = schedule(history);
    if (next) data.questions[id] = { history: history, interval: next.interval, due: next.due };
    else delete data.questions[id];
    window.handbookStore.set(KEY, data);
    return data.questions[id] || null;
  }

  function isDue(item, today) {
    return !!item && item.due <= today;
  }

  function todaysMark(item, today) {
    var last = item && item.history[item.history.length - 1];
    return last && last.date === today ? last.mark : null;
  }

  function describe(item, today) {
    if (!item) return "Not marked yet.";
    var days = daysBetween(today, item.due);
    if (days <= 0) return "Due for review today.";
    return "Next review " + (days === 1 ? "tomorrow" : "in " + days + " days") + ".";
  }

  function refresh(group, id) {
    var today = window.handbookStore.today();
    var item = entry(id);
    var current = todaysMark(item, today);
    group.querySelectorAll("button[data-mark]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-mark") === current ? "true" : "false");
    });
    group.querySelector(".self-check__status").textContent = describe(item, today);
  }

  function controls(id) {
    var group = document.createElement("div");
    group.className = "self-check";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "How did you do on this question?");
    Object.keys(LABELS).forEach(function (value) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button self-check__" + value;
      button.textContent = LABELS[value];
      button.setAttribute("data-mark", value);
      button.addEventListener("click", function () {
        mark(id, button.getAttribute("aria-pressed") === "true" ? null : value);
        refresh(group, id);
        group.dispatchEvent(new CustomEvent("handbook:marked", { bubbles: true, detail: { id: id } }));
      });
      group.appendChild(button);
    });
    var status = document.createElement("span");
    status.className = "self-check__status";
    status.setAttribute("aria-live", "polite");
    group.appendChild(status);
    return group;
  }

  /* Add the controls to every tagged question under root that has none yet. */
  function decorate(root) {
    if (!window.handbookStore.available) return;
    root.querySelectorAll("details.question[data-question-id]").forEach(function (question) {
      var id = question.getAttribute("data-question-id");
      var group = question.querySelector(":scope > .self-check");
      if (!group) {
        group = controls(id);
        question.appendChild(group);
      }
      refresh(group, id);
    });
  }

  window.handbookSelfCheck = {
    key: KEY, schedule: schedule, load: load, mark: mark, isDue: isDue, decorate: decorate
  };

  document$.subscribe(function () { decorate(document); });
})();
