/*
 * Open any diagram full screen, with pan and pinch or wheel zoom.
 *
 * The build marks every pre-rendered diagram `data-diagram-zoom` and makes it
 * focusable (handbook.snapshots.inline_snapshots). A click, a tap, or Enter or
 * Space on it opens a modal <dialog> labelled with the diagram's title; the
 * diagram is copied into it (its own shadow root, so it keeps its styles and
 * accessible name) and @panzoom/panzoom, served by the site and loaded on first
 * use, adds drag to pan, pinch and wheel to zoom. Buttons and the keys + - 0 and
 * the arrows do the same from the keyboard. Escape or Close shuts the dialog and
 * focus returns to the diagram. Handlers sit on the document, so diagrams shown
 * by instant navigation or revealed by practice mode work too; concealed ones
 * (inert) cannot be reached.
 */
(function () {
  if (window.diagramZoomReady) return;
  window.diagramZoomReady = true;

  var library = new URL("../vendor/panzoom/panzoom.min.js", document.currentScript.src).href;
  var loading = null;
  var dialog = null;
  var panzoom = null;
  var wheel = null;
  var opener = null;

  function loadPanzoom() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = library;
        tag.onload = function () { resolve(window.Panzoom); };
        tag.onerror = function () { loading = null; reject(new Error("panzoom failed to load from " + library)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function button(label, text, action) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "diagram-zoom__button";
    element.setAttribute("aria-label", label);
    element.title = label;
    element.textContent = text;
    element.addEventListener("click", action);
    return element;
  }

  function createDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "diagram-zoom";
    dialog.setAttribute("aria-labelledby", "diagram-zoom-title");
    var bar = document.createElement("div");
    bar.className = "diagram-zoom__bar";
    var title = document.createElement("h2");
    title.id = "diagram-zoom-title";
    title.className = "diagram-zoom__title";
    bar.appendChild(title);
    bar.appendChild(button("Zoom in", "+", function () { if (panzoom) panzoom.zoomIn(); }));
    bar.appendChild(button("Zoom out", "\u2212", function () { if (panzoom) panzoom.zoomOut(); }));
    bar.appendChild(button("Fit to screen", "Fit", function () { if (panzoom) panzoom.reset(); }));
    var close = button("Close full-screen diagram", "Close", function () { dialog.close(); });
    close.classList.add("diagram-zoom__close");
    bar.appendChild(close);
    var stage = document.createElement("div");
    stage.className = "diagram-zoom__stage";
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    dialog.addEventListener("close", closed);
    dialog.addEventListener("keydown", keys);
    document.body.appendChild(dialog);
  }

  function keys(event) {
    event.stopPropagation(); // keep Material's page shortcuts (n, p, s, /) out of the open view
    if (!panzoom || event.target.closest("button")) return;
    var step = 60;
    var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (event.key === "+" || event.key === "=") panzoom.zoomIn();
    else if (event.key === "-") panzoom.zoomOut();
    else if (event.key === "0") panzoom.reset();
    else if (moves[event.key]) panzoom.pan(moves[event.key][0] / panzoom.getScale(), moves[event.key][1] / panzoom.getScale(), { relative: true });
    else return;
    event.preventDefault();
  }

  function closed() {
    var stage = dialog.querySelector(".diagram-zoom__stage");
    if (wheel) stage.removeEventListener("wheel", wheel);
    if (panzoom) panzoom.destroy();
    panzoom = wheel = null;
    stage.replaceChildren();
    document.documentElement.classList.remove("diagram-zoom-open");
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  }

  function open(host) {
    if (!host.shadowRoot) return;
    if (!dialog) createDialog();
    opener = host;
    var svg = host.shadowRoot.querySelector("svg");
    var name = svg && svg.querySelector("title");
    dialog.querySelector(".diagram-zoom__title").textContent = name ? name.textContent : "Diagram";
    var stage = dialog.querySelector(".diagram-zoom__stage");
    var canvas = document.createElement("div");
    canvas.className = "diagram-zoom__canvas";
    canvas.attachShadow({ mode: "open" }).innerHTML = host.shadowRoot.innerHTML;
    var copy = canvas.shadowRoot.querySelector("svg");
    copy.style.maxWidth = "none";
    copy.style.width = "100%";
    copy.style.height = "100%";
    stage.replaceChildren(canvas);
    stage.tabIndex = 0;
    stage.setAttribute("aria-label", "Diagram: drag to pan, pinch or scroll to zoom, or use + - 0 and the arrow keys");
    document.documentElement.classList.add("diagram-zoom-open");
    dialog.showModal();
    stage.focus();
    loadPanzoom().then(function (Panzoom) {
      if (!dialog.open || !canvas.isConnected) return;
      panzoom = Panzoom(canvas, { maxScale: 8, minScale: 0.5, step: 0.4, canvas: true });
      wheel = panzoom.zoomWithWheel;
      stage.addEventListener("wheel", wheel, { passive: false });
    });
  }

  function zoomable(event) {
    var host = event.target.closest && event.target.closest("[data-diagram-zoom]");
    return host && !host.closest("[inert]") ? host : null;
  }

  document.addEventListener("click", function (event) {
    var host = zoomable(event);
    if (host) open(host);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var host = zoomable(event);
    if (host && event.target === host) {
      event.preventDefault();
      open(host);
    }
  });
})();
