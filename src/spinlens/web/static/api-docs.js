// The REST API's interactive docs: Swagger UI (vendored) over the app's own OpenAPI spec.
(function () {
  "use strict";
  var box = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({url: box.getAttribute("data-spec-url"), dom_id: "#swagger-ui", deepLinking: true});
})();
