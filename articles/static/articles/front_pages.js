// The Front pages screen: drag a pinned story by its handle to order the front page. The order
// is saved at once (the form's own action); without JavaScript the arrows do the same.
"use strict";
(function () {
  document.querySelectorAll("form[data-front-page-order]").forEach((form) => {
    const list = form.querySelector(".fp-pins");
    let dragged = null;
    list.querySelectorAll("li[data-pin]").forEach((item) => {
      item.draggable = true;
      item.classList.add("fp-draggable");
      item.addEventListener("dragstart", (event) => {
        dragged = item;
        item.classList.add("fp-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.dataset.pin);
      });
      item.addEventListener("dragend", () => {
        item.classList.remove("fp-dragging");
        dragged = null;
      });
      item.addEventListener("dragover", (event) => {
        if (!dragged || dragged === item) return;
        event.preventDefault();
        const box = item.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextSibling : item);
      });
      item.addEventListener("drop", (event) => {
        event.preventDefault();
        form.submit();
      });
    });
  });
})();
