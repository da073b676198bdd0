// spinlens pages: poll a background analysis job and go to its article when it is done.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  if (!box) { return; }
  var id = box.getAttribute("data-job-id");
  function show(job) {
    box.setAttribute("data-state", job.state);
    document.getElementById("job-state").textContent = job.state;
    document.getElementById("job-analysed").textContent = String(job.analysed);
    document.getElementById("job-failed").textContent = String(job.failed);
    var errors = document.getElementById("job-errors");
    errors.textContent = "";
    job.errors.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;  // text, never HTML
      errors.appendChild(item);
    });
  }
  function poll() {
    fetch("/api/v1/jobs/" + encodeURIComponent(id), {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(job);
        if (job.state === "done" && job.article_ids.length === 1 && job.errors.length === 0) {
          window.location.assign("/articles/" + encodeURIComponent(job.article_ids[0]));
        } else if (job.state === "done" || job.state === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 700);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (box.getAttribute("data-state") === "queued" || box.getAttribute("data-state") === "running") { poll(); }
})();
