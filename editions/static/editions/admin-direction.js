// The headline, standfirst, photo texts and body take their direction from the
// article's language, so a Dari or Pashto text is typed right-to-left even in an
// English admin. English (and anything else) gets dir="auto": the first strong
// letter decides. Runs again when the language changes.
(function () {
  "use strict";
  const RTL = new Set(["ps", "fa-af"]);
  const FIELDS = ["id_title", "id_standfirst", "id_hero_alt", "id_hero_caption", "id_body"];

  function apply() {
    const select = document.getElementById("id_language");
    if (!select) return;
    const dir = RTL.has(select.value) ? "rtl" : "auto";
    const targets = FIELDS.map((id) => document.getElementById(id)).filter(Boolean);
    // The prose editor wraps the body's textarea in a div.prose-editor and edits in a child of it.
    const body = document.getElementById("id_body");
    const editor = body && body.closest(".prose-editor");
    if (editor) targets.push(editor);
    for (const element of targets) {
      element.dir = dir;
      element.lang = select.value;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    apply();
    const select = document.getElementById("id_language");
    if (select) select.addEventListener("change", apply);
    // The prose editor is built by a module script that may run after us.
    const body = document.getElementById("id_body");
    if (body && !body.closest(".prose-editor")) {
      const observer = new MutationObserver(function () {
        if (body.closest(".prose-editor")) {
          observer.disconnect();
          apply();
        }
      });
      observer.observe(body.parentNode, { childList: true, subtree: true });
      setTimeout(() => observer.disconnect(), 10000);
    }
  });
})();
