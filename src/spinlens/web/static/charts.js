// Draw every Vega-Lite chart of the page from its JSON spec, with the CSP-safe expression interpreter.
(function () {
  "use strict";
  if (!window.vegaEmbed) { return; }
  document.querySelectorAll("div.vega[data-spec-id]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-spec-id"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(el, spec, {
      actions: false, renderer: "canvas", defaultStyle: false, tooltip: false, ast: true,
      expr: window.vegaInterpreter && window.vegaInterpreter.expressionInterpreter
    }).catch(function (error) { el.textContent = "Chart unavailable: " + error.message + " (the table below has the figures)"; });
  });
})();
