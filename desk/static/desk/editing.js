// Soft lock heartbeat (desk/editing.py): while this article form is open, tell the server every
// few seconds, and show who else opened it since; when the tab closes, free the story at once.
'use strict';
(function () {
  const script = document.currentScript;
  if (!script) return;
  const {heartbeatUrl, releaseUrl} = script.dataset;
  const seconds = Number(script.dataset.heartbeatSeconds || 30);
  let status = null;

  function payload() {
    const data = new FormData();
    const token = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (token) data.append('csrfmiddlewaretoken', token.value);
    return data;
  }

  function show(text) {
    if (!status) {
      // The article's own form: panels above it (the live blog's) have forms of their own.
      const form = document.querySelector('#article_form') || document.querySelector('#content-main form');
      if (!form) return;
      status = document.createElement('p');
      status.className = 'desk-editing';
      status.setAttribute('role', 'status');
      form.prepend(status);
    }
    status.textContent = text || '';
    status.hidden = !text;
  }

  async function beat() {
    try {
      const response = await fetch(heartbeatUrl, {method: 'POST', body: payload(), credentials: 'same-origin'});
      if (response.ok) show((await response.json()).editing);
    } catch (error) {
      // Offline for a moment: the next beat tries again; the server forgets us only after several.
    }
  }

  setInterval(beat, seconds * 1000);
  window.addEventListener('pagehide', () => navigator.sendBeacon(releaseUrl, payload()));
  // Back to this page from the browser's back/forward cache: the form is open again.
  window.addEventListener('pageshow', (event) => { if (event.persisted) beat(); });
})();
