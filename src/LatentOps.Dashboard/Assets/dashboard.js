// LatentOps dashboard: the only script. Pages work without it; it adds a confirmation before
// buttons marked data-confirm (such as Rollback) submit their form.
"use strict";
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var message = button && button.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
