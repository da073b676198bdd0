// Draw every Vega-Lite chart of the page from its JSON spec, with the CSP-safe expression interpreter.
// Tooltips are built here with DOM text nodes (never markup) and styled by app.css: vega-embed's own tooltip
// handler injects a <style> element and sets innerHTML, which the page's Content-Security-Policy refuses.
(function () {
  "use strict";
  if (!window.vegaEmbed) { return; }

  function tipBox() {
    var box = document.getElementById("chart-tip");
    if (!box) {
      box = document.createElement("div");
      box.id = "chart-tip";
      box.className = "chart-tip";
      box.setAttribute("role", "tooltip");
      box.setAttribute("data-testid", "chart-tip");
      box.hidden = true;
      document.body.appendChild(box);
    }
    return box;
  }

  function showTooltip(handler, event, item, value) {
    var box = tipBox();
    if (value === null || value === undefined || value === "") { box.hidden = true; return; }
    box.replaceChildren();
    if (typeof value === "object") {
      Object.keys(value).forEach(function (key) {
        var row = document.createElement("div");
        var name = document.createElement("span");
        name.className = "key";
        name.textContent = key + ": ";
        row.appendChild(name);
        row.appendChild(document.createTextNode(String(value[key])));
        box.appendChild(row);
      });
    } else {
      box.textContent = String(value);
    }
    box.hidden = false;
    var left = event.pageX + 12, top = event.pageY + 12;
    var room = document.documentElement.clientWidth + window.scrollX - box.offsetWidth - 8;
    box.style.left = Math.max(window.scrollX, Math.min(left, room)) + "px";
    box.style.top = top + "px";
  }

  document.querySelectorAll("div.vega[data-spec-id]").forEach(function (el) {
    var source = document.getElementById(el.getAttribute("data-spec-id"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(el, spec, {
      actions: false, renderer: "canvas", defaultStyle: false, tooltip: showTooltip, ast: true,
      expr: window.vegaInterpreter && window.vegaInterpreter.expressionInterpreter
    }).catch(function (error) { el.textContent = "Chart unavailable: " + error.message + " (the table below has the figures)"; });
  });
})();
