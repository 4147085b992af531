/* Clearpost — small first-party script, loaded with defer (no inline code,
 * so the Content-Security-Policy forbids all other scripts). Pages work
 * without it. */
"use strict";
(function () {
  // Move keyboard focus to the first error so screen readers announce it.
  var err = document.querySelector(".error[role=alert]");
  if (err) {
    var field = document.querySelector("[aria-describedby='" + err.id + "']");
    if (field) field.focus();
  }
})();
