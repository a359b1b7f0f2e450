// Give the admin's script-made fields (Select2 boxes, the body editor) the name of their form label,
// so screen readers announce "Section" rather than an unnamed combobox.
"use strict";
(function () {
  const UNNAMED = [
    ".select2-selection[role=combobox]:not([aria-label])",
    ".select2-selection__rendered[role=textbox]:not([aria-label])",
    ".ProseMirror:not([aria-label])",
  ].join(", ");

  function labelFor(element) {
    const select2 = element.closest(".select2-container");
    const original = select2 && select2.previousElementSibling;
    const byId = original && original.id && document.querySelector(`label[for="${original.id}"]`);
    const label = byId || (element.closest(".form-row, .fieldBox") || document.createElement("div")).querySelector("label");
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameAll() {
    document.querySelectorAll(UNNAMED).forEach((element) => {
      const name = labelFor(element);
      if (name) element.setAttribute("aria-label", name);
    });
  }

  new MutationObserver(nameAll).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", nameAll);
})();
