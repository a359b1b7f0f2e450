// Beside a "publish at (Oslo time)" box, the same moment in Kabul, where most readers are.
"use strict";
(function () {
  const OSLO = "Europe/Oslo";
  const KABUL = "Asia/Kabul";

  function wallClock(date, timeZone) {
    const parts = new Intl.DateTimeFormat("en-GB", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
    }).formatToParts(date);
    const v = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]));
    return Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute);
  }

  function osloToInstant(value) {
    const [day, time] = value.split("T");
    const [y, m, d] = day.split("-").map(Number);
    const [hh, mm] = time.split(":").map(Number);
    const asUtc = Date.UTC(y, m - 1, d, hh, mm);
    const offset = wallClock(new Date(asUtc), OSLO) - asUtc;
    return new Date(asUtc - offset);
  }

  function show(input) {
    const output = document.getElementById(input.dataset.kabulOutput);
    if (!output) return;
    if (!input.value) { output.textContent = ""; return; }
    const kabul = new Intl.DateTimeFormat("en-GB", {
      timeZone: KABUL, day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).format(osloToInstant(input.value));
    output.textContent = "= " + kabul + " Kabul";
  }

  document.querySelectorAll("input[data-kabul-output]").forEach((input) => {
    input.addEventListener("input", () => show(input));
    show(input);
  });
})();
