// Insert a figure token ([[figure:N]]) at the cursor of the text box the editor used last.
// Without JavaScript the buttons stay hidden and the tokens can be copied by hand.
"use strict";
(function () {
  let lastField = null;
  document.addEventListener("focusin", function (event) {
    if (event.target.matches("textarea, input[type=text]")) {
      lastField = event.target;
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".figure-insert").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        const field = lastField || document.querySelector("textarea[name^=body]");
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
