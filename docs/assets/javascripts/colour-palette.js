/* The light/dark toggle in the header, in place of Material's palette component.
 *
 * overrides/partials/palette.html renders the theme's markup without data-md-component="palette", so
 * Material's bundle leaves it alone. Material's component restyled every element of the page two to
 * three times on each load; this does the same job and changes the page only when something changes:
 *   - the header shows the button of the current choice (automatic, light, dark); a click, Enter or an
 *     arrow key moves to the next one;
 *   - the choice is stored where Material's inline script reads it before the next page paints
 *     (__md_set("__palette"), same shape: {index, color: {media, scheme, primary, accent}});
 *   - "automatic" takes the colours of the option matching the system setting, and follows it;
 *   - the browser's own colours (meta color-scheme: scroll bars, form controls) and the phone's address
 *     bar (meta theme-color) follow the header once the page has loaded.
 * Runs once per full page load; instant navigation keeps the header. */
(function () {
  var form = document.querySelector("form[data-handbook-palette]");
  if (!form) return;
  var AUTOMATIC = "(prefers-color-scheme)";
  var KEYS = ["media", "scheme", "primary", "accent"];
  var systemLight = matchMedia("(prefers-color-scheme: light)");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  var current = -1;

  function coloursOf(input) {
    var colours = {};
    KEYS.forEach(function (key) { colours[key] = input.getAttribute("data-md-color-" + key); });
    return colours;
  }

  function choice(index) {
    var colours = coloursOf(inputs[index]);
    if (colours.media === AUTOMATIC) {
      var system = coloursOf(form.querySelector(systemLight.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']"));
      ["scheme", "primary", "accent"].forEach(function (key) { colours[key] = system[key]; });
    }
    return { index: index, color: colours };
  }

  function metaContent(name, content, create) {
    var meta = document.head.querySelector('meta[name="' + name + '"]');
    if (!meta && !create) return;
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = name;
      document.head.appendChild(meta);
    }
    if (meta.content !== content) meta.content = content;
  }

  /* Read from the header's computed style, as Material does; only a dark scheme needs a color-scheme
   * tag (without one the browser draws its light controls), so a light page never gets restyled for it. */
  function followBrowserColours() {
    var style = getComputedStyle(document.querySelector("header.md-header") || document.body);
    metaContent("color-scheme", style.colorScheme, style.colorScheme.indexOf("dark") !== -1);
    var rgb = (style.backgroundColor.match(/\d+/g) || []).slice(0, 3);
    if (rgb.length === 3) {
      metaContent("theme-color", "#" + rgb.map(function (c) { return (+c).toString(16).padStart(2, "0"); }).join(""), true);
    }
  }

  function apply(index, byReader) {
    var chosen = choice(index);
    var body = document.body;
    var changed = KEYS.filter(function (key) { return body.getAttribute("data-md-color-" + key) !== chosen.color[key]; });
    /* Material's palette style turns transitions off under this mark, so colours switch at once. */
    if (changed.length && byReader) body.setAttribute("data-md-color-switching", "");
    changed.forEach(function (key) { body.setAttribute("data-md-color-" + key, chosen.color[key]); });
    if (index !== current) {
      inputs.forEach(function (input, i) {
        var label = input.nextElementSibling;
        if (label instanceof HTMLLabelElement) label.hidden = i !== index;
      });
      current = index;
    }
    __md_set("__palette", chosen);
    if (changed.length && byReader) {
      followBrowserColours();
      requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
    }
  }

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { apply(i, true); });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  systemLight.addEventListener("change", function () {
    if (inputs[current].getAttribute("data-md-color-media") === AUTOMATIC) apply(current, true);
  });

  var stored = __md_get("__palette");
  var index = stored && typeof stored.index === "number" ? stored.index
    : inputs.findIndex(function (input) { return matchMedia(input.getAttribute("data-md-color-media")).matches; });
  apply(Math.max(0, Math.min(index, inputs.length - 1)), false);
  if (document.readyState === "complete") followBrowserColours();
  else window.addEventListener("load", function () { setTimeout(followBrowserColours, 0); });
})();
