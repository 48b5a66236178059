/*
 * The reader's study data, kept in this browser only (localStorage: no cookie, no request, no account).
 * Every key starts with "handbook:" (handbook:self-check, handbook:studied, handbook:last-visited,
 * handbook:rubric, ...) and holds JSON with a "version" field. The other study scripts use only this API:
 *
 *   handbookStore.available        false when storage is blocked (private mode, policy): nothing is kept
 *   handbookStore.get(key, fallback)  parsed JSON under key, or fallback if absent or unreadable
 *   handbookStore.set(key, value)     stores JSON; returns false if storage is unavailable or full
 *   handbookStore.keys()              every "handbook:" key, sorted
 *   handbookStore.exportFile()        downloads all of them as one JSON file
 *   handbookStore.importFile(file)    Promise: resolves with the keys restored, rejects with an Error whose
 *                                     message says what is wrong; on rejection nothing is changed
 *   handbookStore.reset()             removes every "handbook:" key
 *   handbookStore.validate(text)      the parsed object if text is a valid export; throws Error(message)
 *   handbookStore.today()             today's date as "YYYY-MM-DD" in local time, from window.handbookClock
 *                                     (a function returning a Date) when a test sets it, else the real clock
 */
(function () {
  var PREFIX = "handbook:";
  var EXPORT_NAME = "handbook-study-progress.json";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  var store = storage();

  function isHandbookKey(key) {
    return typeof key === "string" && key.indexOf(PREFIX) === 0 && key.length > PREFIX.length;
  }

  function get(key, fallback) {
    if (!store) return fallback;
    try {
      var text = store.getItem(key);
      return text === null ? fallback : JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  }

  function set(key, value) {
    if (!store || !isHandbookKey(key)) return false;
    try {
      store.setItem(key, JSON.stringify(value));
      return true;
    } catch (error) {
      return false;
    }
  }

  function keys() {
    if (!store) return [];
    var found = [];
    for (var index = 0; index < store.length; index++) {
      var key = store.key(index);
      if (isHandbookKey(key) && key !== PREFIX + "probe") found.push(key);
    }
    return found.sort();
  }

  function snapshot() {
    var data = {};
    keys().forEach(function (key) { data[key] = get(key, null); });
    return data;
  }

  function exportFile() {
    var blob = new Blob([JSON.stringify(snapshot(), null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = EXPORT_NAME;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  function validate(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("This file is not JSON: choose a file saved with \u201cExport progress\u201d.");
    }
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new Error("This file is not a handbook progress export: it should hold one JSON object.");
    }
    var names = Object.keys(data);
    if (!names.length) throw new Error("This file holds no progress: it is an empty object.");
    names.forEach(function (key) {
      if (!isHandbookKey(key)) {
        throw new Error("Unexpected key \u201c" + key + "\u201d: every key must start with \u201c" + PREFIX + "\u201d.");
      }
      var value = data[key];
      if (value === null || typeof value !== "object" || Array.isArray(value) || !("version" in value)) {
        throw new Error("The value under \u201c" + key + "\u201d is not a JSON object with a \u201cversion\u201d field.");
      }
    });
    return data;
  }

  function reset() {
    keys().forEach(function (key) { store.removeItem(key); });
  }

  function importFile(file) {
    return new Promise(function (resolve, reject) {
      if (!store) {
        reject(new Error("Your browser blocks storage for this page, so progress cannot be imported."));
        return;
      }
      if (!file) {
        reject(new Error("Choose a file to import."));
        return;
      }
      var reader = new FileReader();
      reader.onerror = function () { reject(new Error("The file could not be read.")); };
      reader.onload = function () {
        var data;
        try {
          data = validate(String(reader.result));
        } catch (error) {
          reject(error);
          return;
        }
        var before = snapshot();
        try {
          reset();
          Object.keys(data).forEach(function (key) { store.setItem(key, JSON.stringify(data[key])); });
        } catch (error) {
          reset();
          Object.keys(before).forEach(function (key) { store.setItem(key, JSON.stringify(before[key])); });
          reject(new Error("The browser refused to store the imported progress (storage full?)."));
          return;
        }
        resolve(Object.keys(data).sort());
      };
      reader.readAsText(file);
    });
  }

  function today() {
    var now = typeof window.handbookClock === "function" ? window.handbookClock() : new Date();
    var pad = function (number) { return (number < 10 ? "0" : "") + number; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  window.handbookStore = {
    available: !!store,
    get: get,
    set: set,
    keys: keys,
    exportFile: exportFile,
    importFile: importFile,
    reset: reset,
    validate: validate,
    today: today
  };
})();
