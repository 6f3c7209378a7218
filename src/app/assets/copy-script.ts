/**
 * Copy buttons, served as `/assets/copy.js` (no inline script: CSP): each
 * `button[data-copy]` puts its `data-copy` text on the clipboard and says so in its
 * `data-copied` label for a moment. Without script the text stays there to select by hand.
 */
export const COPY_SCRIPT = `"use strict";
(function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy") || "";
      var done = function () {
        button.textContent = button.getAttribute("data-copied") || label;
        setTimeout(function () { button.textContent = label; }, 1500);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { button.textContent = label; });
      }
    });
  });
})();
`;
