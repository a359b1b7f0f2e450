// Admin: in each payment method, show only the number fields its kind uses.
// Without JavaScript every field stays visible and the server still refuses
// numbers that do not belong to the kind.
(function () {
  "use strict";
  var FIELDS = {
    bank_account: ["bank_name", "account_number"],
    iban: ["iban", "bic"],
    vipps: ["vipps_number"],
    link: ["url"]
  };
  var ALL = ["bank_name", "account_number", "iban", "bic", "vipps_number", "url"];

  function update(method) {
    var select = method.querySelector("select[name$='-kind']");
    if (!select) {
      return;
    }
    var wanted = FIELDS[select.value] || ALL;
    ALL.forEach(function (name) {
      var row = method.querySelector(".field-" + name);
      if (!row) {
        return;
      }
      var input = row.querySelector("input");
      // Never hide a field that holds a value or an error: the treasurer must see it.
      var keep = wanted.indexOf(name) !== -1 || (input && input.value) || row.querySelector(".errorlist");
      row.hidden = !keep;
    });
  }

  // Delegated, so methods added with "Add another" are covered too.
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[name$='-kind']")) {
      update(event.target.closest(".inline-related"));
    }
  });
  document.addEventListener("formset:added", function (event) {
    var method = event.target.closest && event.target.closest(".inline-related");
    if (method) {
      update(method);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".inline-related:not(.empty-form)").forEach(update);
  });
})();
