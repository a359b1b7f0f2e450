// Copy buttons for the donate page. Without JavaScript (or without the
// Clipboard API) the buttons stay hidden and the number is still selectable.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("button.donate-copy[data-copy]").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = button.dataset.copiedLabel || label;
        button.classList.add("is-copied");
        window.setTimeout(function () {
          button.textContent = label;
          button.classList.remove("is-copied");
        }, 2000);
      });
    });
  });
})();
