/* Copy buttons, as progressive enhancement: any
 *   <button class="copy-button" data-copy-target="ELEMENT_ID" hidden>
 * is shown, and copies the text of the element ELEMENT_ID (a textarea's or an input's value)
 * to the clipboard. "Copied" is announced in a polite live region; the words come from the
 * button's data-copied attribute, else from the page's language. Without JavaScript the
 * buttons stay hidden and the text stays selectable. */
(function () {
  "use strict";

  function copiedWord(button) {
    if (button.dataset.copied) return button.dataset.copied;
    return document.documentElement.lang.toLowerCase().indexOf("zh") === 0 ? "已复制" : "Copied";
  }

  function liveRegion() {
    var region = document.getElementById("copy-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "copy-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function textOf(target) {
    return "value" in target && typeof target.value === "string" ? target.value : target.textContent.trim();
  }

  /* Older browsers, and pages served over plain HTTP, have no async clipboard: select and copy. */
  function copyBySelection(target, text) {
    var scratch = document.createElement("textarea");
    scratch.value = text;
    scratch.setAttribute("readonly", "");
    scratch.className = "visually-hidden";
    document.body.appendChild(scratch);
    scratch.select();
    var done = document.execCommand && document.execCommand("copy");
    document.body.removeChild(scratch);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text, target) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(target, text); });
    }
    return copyBySelection(target, text);
  }

  function announce(message) {
    var region = liveRegion();
    region.textContent = "";
    // A change of text, a moment later, makes screen readers announce the same word twice in a row.
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function onClick(event) {
    var button = event.currentTarget;
    var target = document.getElementById(button.dataset.copyTarget);
    if (!target) return;
    copy(textOf(target), target).then(function () {
      button.classList.add("copy-button--done");
      announce(copiedWord(button));
    }, function () {
      // Copying refused: select the text so that the reader can copy it by hand.
      var range = document.createRange();
      range.selectNodeContents(target);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    });
  }

  function enhance() {
    var buttons = document.querySelectorAll("button.copy-button[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      if (!document.getElementById(buttons[i].dataset.copyTarget)) continue;
      buttons[i].addEventListener("click", onClick);
      buttons[i].hidden = false;
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
