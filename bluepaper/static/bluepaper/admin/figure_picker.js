// Insert a figure token ([[figure:N]]) at the cursor of the body box the editor used last
// (the Chinese body if none yet). Titles and summaries are plain text: a token never goes there.
// Without JavaScript the buttons stay hidden and the tokens can be copied by hand.
"use strict";
(function () {
  const BODY = "textarea[name^=body]";
  let lastBody = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches(BODY)) {
      lastBody = event.target;
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".figure-insert").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        const field = lastBody || document.querySelector("textarea[name=body_zh_hans]") || document.querySelector(BODY);
        if (!field) {
          return;
        }
        const token = button.dataset.token;
        const start = field.selectionStart ?? field.value.length;
        const end = field.selectionEnd ?? field.value.length;
        field.value = field.value.slice(0, start) + token + field.value.slice(end);
        field.focus();
        field.selectionStart = field.selectionEnd = start + token.length;
      });
    });
  });
})();
