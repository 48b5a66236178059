/*
 * Live calculators beside the worked examples of the estimation cheat sheet.
 *
 * Each calculator is a <form class="calculator" data-calculator="NAME"> in the page (markup convention:
 * contributing/index.md#calculators): labelled <input name> fields and <output name> results that the
 * page ships filled in with the worked example's numbers, so without scripts, and in print, the page
 * reads as the worked example. This script recomputes every <output> as the reader types, from the
 * formulas in CALCULATORS below (the same ones the page shows). An input that is empty, negative, or
 * zero where it divides leaves the results at a dash and puts the reason in the form's message output.
 * Pages without calculators cost one query per page view; instant navigation is followed through
 * Material's document$.
 */
(function () {
  "use strict";

  var LOCALE = "en-US";
  var NO_RESULT = "—";
  var SECONDS_PER_DAY = 86400;
  var BYTE_UNITS = ["B", "KB", "MB", "GB", "TB", "PB"];

  /* ---- Formatting: thousands separators as on the page (en-US). ---- */

  function whole(value) {
    return Math.round(value).toLocaleString(LOCALE);
  }

  function figures(value, digits) {
    return value.toLocaleString(LOCALE, { maximumSignificantDigits: digits });
  }

  function signed(text, value) {
    return value < 0 ? "\u2212" + text : text;
  }

  /* Decimal units (1 GB = 10^9 B), four significant figures: 102.4 GB, 1.843 TB. */
  function bytes(value) {
    var size = Math.abs(value);
    var unit = 0;
    while (size >= 1000 && unit < BYTE_UNITS.length - 1) {
      size /= 1000;
      unit += 1;
    }
    return signed(figures(size, 4) + " " + BYTE_UNITS[unit], value);
  }

  function usd(value) {
    return "USD " + figures(value, 3);
  }

  function milliseconds(value) {
    return signed(Math.abs(value).toLocaleString(LOCALE, { maximumFractionDigits: 1 }) + " ms", value);
  }

  /* Rounded up to `digits` significant figures: capacity is planned upwards (34,722 -> 35,000). */
  function roundUp(value, digits) {
    var scale = Math.pow(10, Math.floor(Math.log10(value)) - digits + 1);
    return Math.ceil(value / scale - 1e-9) * scale;
  }

  /* Inverse of the standard normal distribution function (Acklam's rational approximation,
     relative error below 1.2e-9), for the z values of the sample-size formula. */
  function normalQuantile(p) {
    var a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690, -30.66479806614716, 2.506628277459239];
    var b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
    var c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    var d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
    var low = 0.02425;
    var q, r;
    if (p < low || p > 1 - low) {
      q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
      var tail = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
      return p < low ? tail : -tail;
    }
    q = p - 0.5;
    r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  /* ---- What an input may hold: a test and what the message says otherwise. ---- */

  var RULES = {
    positive: { test: function (v) { return v > 0; }, says: "must be greater than 0" },
    nonNegative: { test: function (v) { return v >= 0; }, says: "must be 0 or more" },
    percentage: { test: function (v) { return v > 0 && v < 100; }, says: "must be above 0 and below 100 %" },
    share: { test: function (v) { return v > 0 && v <= 100; }, says: "must be above 0 and at most 100 %" }
  };

  /* ---- The calculators: each input's rule (lists: several inputs of one name) and the formulas. ---- */

  var CALCULATORS = {
    /* #qps-from-dau */
    "qps": {
      inputs: { users: "positive", actions: "positive", peakFactor: "positive" },
      compute: function (v) {
        var perDay = v.users * 1e6 * v.actions;
        var average = perDay / SECONDS_PER_DAY;
        var peak = average * v.peakFactor;
        return {
          perDay: whole(perDay),
          average: whole(average) + " requests/s",
          peak: whole(peak) + " requests/s",
          plan: whole(roundUp(peak, 2)) + " requests/s"
        };
      }
    },

    /* #index-memory: float vectors, HNSW links of 2 x M x 4 bytes, IVF-PQ codes of m bytes plus an 8-byte id. */
    "index-memory": {
      inputs: { vectors: "positive", dimensions: "positive", bytesPerValue: "positive", links: "nonNegative", pqBytes: "positive", replicas: "positive" },
      compute: function (v) {
        var count = v.vectors * 1e6;
        var perVector = v.dimensions * v.bytesPerValue;
        var vectorMemory = count * perVector;
        var linkMemory = count * 2 * v.links * 4;
        var replica = vectorMemory + linkMemory;
        var pqPerVector = v.pqBytes + 8;
        return {
          perVector: whole(perVector) + " B",
          vectorMemory: bytes(vectorMemory),
          linkMemory: bytes(linkMemory),
          replica: bytes(replica),
          fleet: bytes(replica * v.replicas),
          pq: bytes(count * pqPerVector),
          compression: figures(perVector / pqPerVector, 3) + "\u00d7"
        };
      }
    },

    /* #latency-budget: B >= sum of the stage budgets + slack. */
    "latency-budget": {
      inputs: { budget: "positive" },
      lists: { stage: "nonNegative" },
      compute: function (v) {
        var total = v.stage.reduce(function (sum, ms) { return sum + ms; }, 0);
        var slack = v.budget - total;
        var share = figures(Math.abs(slack) / v.budget * 100, 3) + " % of the budget";
        return {
          total: milliseconds(total),
          slack: slack >= 0 ? milliseconds(slack) + ", " + share : "over by " + milliseconds(-slack) + ", " + share
        };
      },
      setUp: setUpStages
    },

    /* #ab-sample-size: n = 2 (z_{1-alpha/2} + z_{1-beta})^2 sigma^2 / delta^2 per arm, sigma^2 = p (1 - p). */
    "ab-sample-size": {
      inputs: { baseline: "percentage", effect: "positive", alpha: "percentage", power: "percentage" },
      compute: function (v) {
        var p = v.baseline / 100;
        var delta = p * v.effect / 100;
        if (p + delta >= 1) return { problem: "The treated rate p × (1 + effect) reaches 100 %: lower the baseline rate or the effect." };
        var z = normalQuantile(1 - v.alpha / 200) + normalQuantile(v.power / 100);
        if (z <= 0) return { problem: "Power must be above α/2: raise the power." };
        var variance = p * (1 - p);
        var multiplier = 2 * z * z;
        var perArm = Math.ceil(multiplier * variance / (delta * delta));
        return {
          variance: figures(variance, 3),
          delta: figures(delta, 3) + " (" + figures(delta * 100, 3) + " percentage points)",
          constant: figures(multiplier, 3),
          perArm: whole(perArm) + " users",
          total: whole(2 * perArm) + " users",
          ruleOfThumb: whole(16 * variance / (delta * delta)) + " users"
        };
      }
    },

    /* #llm-kv-cache-70b: 2 x layers x KV heads x head dim x bytes a token; free = GPUs x memory x usable - weights. */
    "kv-cache": {
      inputs: {
        parameters: "positive", layers: "positive", kvHeads: "positive", headDim: "positive", bytesPerValue: "positive",
        tokens: "positive", sequences: "nonNegative", gpus: "positive", gpuMemory: "positive", usable: "share"
      },
      compute: function (v) {
        var perToken = 2 * v.layers * v.kvHeads * v.headDim * v.bytesPerValue;
        var perSequence = perToken * v.tokens;
        var weights = v.parameters * 1e9 * v.bytesPerValue;
        var free = v.gpus * v.gpuMemory * 1e9 * v.usable / 100 - weights;
        var cache = perSequence * v.sequences;
        return {
          perToken: whole(perToken) + " B",
          perSequence: bytes(perSequence),
          cache: bytes(cache) + (cache <= free ? ", fits" : ", does not fit"),
          weights: bytes(weights),
          free: bytes(free),
          fits: whole(free > 0 ? Math.floor(free / perSequence) : 0) + " sequences"
        };
      }
    },

    /* #llm-cost: whole replicas at the utilization target, the fleet's hour divided by the hour's traffic. */
    "llm-cost": {
      inputs: {
        price: "positive", load: "positive", inputTokens: "nonNegative", outputTokens: "positive",
        tokensPerGpu: "positive", gpusPerReplica: "positive", utilization: "share"
      },
      compute: function (v) {
        var replicas = Math.ceil(v.load * v.outputTokens / (v.tokensPerGpu * v.gpusPerReplica * v.utilization / 100) - 1e-9);
        var gpus = replicas * v.gpusPerReplica;
        var perHour = gpus * v.price;
        var requestsPerHour = v.load * 3600;
        return {
          gpus: whole(gpus) + " GPUs, " + whole(replicas) + " replicas",
          perHour: usd(perHour),
          perRequest: usd(perHour / requestsPerHour),
          perThousand: usd(perHour / requestsPerHour * 1000),
          perMillionOutput: usd(perHour / (requestsPerHour * v.outputTokens) * 1e6),
          perMillionTokens: usd(perHour / (requestsPerHour * (v.inputTokens + v.outputTokens)) * 1e6)
        };
      }
    }
  };

  /* ---- Reading, checking and showing. ---- */

  function labelOf(input) {
    var label = input.closest("label");
    var text = label && label.querySelector(".calculator__label");
    return text ? text.textContent.trim() : input.name;
  }

  /* The number in `input`, or null after recording why it is not acceptable. */
  function readOne(input, rule, problems) {
    var raw = input.value.trim();
    var value = raw === "" ? NaN : Number(raw);
    var ok = isFinite(value) && RULES[rule].test(value);
    input.setAttribute("aria-invalid", ok ? "false" : "true");
    if (!ok) problems.push("\u201c" + labelOf(input) + "\u201d" + (raw === "" ? " is empty: enter a number." : " " + RULES[rule].says + "."));
    return ok ? value : null;
  }

  function inputsNamed(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }

  function read(form, calculator) {
    var values = {};
    var problems = [];
    Object.keys(calculator.inputs).forEach(function (name) {
      var input = inputsNamed(form, name)[0];
      if (!input) throw new Error("calculator '" + form.dataset.calculator + "' has no input named '" + name + "'");
      values[name] = readOne(input, calculator.inputs[name], problems);
    });
    Object.keys(calculator.lists || {}).forEach(function (name) {
      values[name] = inputsNamed(form, name).map(function (input) { return readOne(input, calculator.lists[name], problems); });
    });
    return { values: values, problem: problems[0] };
  }

  function show(output, text) {
    if (output.value !== text) output.value = text;
  }

  function update(form, calculator) {
    var reading = read(form, calculator);
    var results = reading.problem ? { problem: reading.problem } : calculator.compute(reading.values);
    var message = form.querySelector('output[name="message"]');
    form.querySelectorAll("output[name]").forEach(function (output) {
      if (output === message) return;
      var text = results.problem ? NO_RESULT : results[output.name];
      if (text === undefined) throw new Error("calculator '" + form.dataset.calculator + "' computes no '" + output.name + "'");
      show(output, text);
    });
    show(message, results.problem || "");
  }

  /* Latency budget: buttons add a stage (named "Stage N", 0 ms, focused) or remove the last one. */
  function setUpStages(form, recompute) {
    var list = form.querySelector("[data-stages]");
    var actions = form.querySelector(".calculator__actions");
    if (!list || !actions) return;
    actions.hidden = false;
    form.querySelector('[data-action="add-stage"]').addEventListener("click", function () {
      var stage = list.lastElementChild.cloneNode(true);
      stage.querySelector(".calculator__label").textContent = "Stage " + (list.children.length + 1);
      var input = stage.querySelector("input");
      input.value = "0";
      list.appendChild(stage);
      input.focus();
      recompute();
    });
    form.querySelector('[data-action="remove-stage"]').addEventListener("click", function () {
      if (list.children.length > 1) list.removeChild(list.lastElementChild);
      recompute();
    });
  }

  function start(form) {
    if (form.dataset.calculatorReady) return;
    var calculator = CALCULATORS[form.dataset.calculator];
    if (!calculator) throw new Error("no calculator named '" + form.dataset.calculator + "' in estimation-calculators.js");
    form.dataset.calculatorReady = "true";
    var recompute = function () { update(form, calculator); };
    form.addEventListener("input", recompute);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (calculator.setUp) calculator.setUp(form, recompute);
    recompute();
  }

  document$.subscribe(function () {
    document.querySelectorAll("form.calculator[data-calculator]").forEach(start);
  });
})();
