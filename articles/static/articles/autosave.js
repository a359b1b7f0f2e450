// Autosave: the headline, standfirst and body of an unpublished story, every few seconds while they change,
// into its revision history (see ArticleAdmin.autosave_view). A closed tab loses at most a few seconds.
'use strict';
(function () {
  const status = document.querySelector('output[data-autosave-url]');
  if (!status) return;
  const form = status.closest('form');
  const fields = ['title', 'standfirst', 'body'].map((name) => form.elements[name]).filter(Boolean);
  const version = form.elements.loaded_version;
  const words = () => fields.map((field) => field.value).join('\u0000');
  let saved = words();
  let busy = false;

  async function autosave() {
    const now = words();
    if (busy || now === saved || !version) return;
    busy = true;
    const data = new FormData();
    fields.forEach((field) => data.append(field.name, field.value));
    data.append('loaded_version', version.value);
    data.append('csrfmiddlewaretoken', form.elements.csrfmiddlewaretoken.value);
    try {
      const response = await fetch(status.dataset.autosaveUrl, {method: 'POST', body: data, credentials: 'same-origin'});
      const answer = await response.json();
      if (answer.saved) {
        saved = now;
        version.value = answer.version;
      }
      status.textContent = answer.reason;
    } catch (error) {
      status.textContent = 'Autosave failed (offline?); your text is still here: press Save.';
    } finally {
      busy = false;
    }
  }

  setInterval(autosave, Number(status.dataset.autosaveSeconds || 5) * 1000);
})();
