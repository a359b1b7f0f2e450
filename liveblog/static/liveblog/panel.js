// The live blog panel (liveblog/admin_views.py): its forms post with fetch() and the panel's new
// HTML takes the old one's place, so editors add, edit, pin and delete entries without leaving the
// article form. Without this script each form is a plain post that comes back to the form.
'use strict';
(function () {
  const HEADER = {'X-Live-Blog-Panel': '1'};

  function panel() { return document.getElementById('live-blog'); }

  function replacePanel(html) {
    const old = panel();
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    if (!old || !fresh) return null;
    old.replaceWith(fresh);
    // The prose editor (django-prose-editor) starts on editors added to the page this way.
    if (window.django && window.django.jQuery) window.django.jQuery(fresh).trigger('formset:added');
    return fresh;
  }

  async function send(url, options, focusSelector) {
    const current = panel();
    if (current) current.classList.add('is-busy');
    try {
      const response = await fetch(url, {credentials: 'same-origin', ...options, headers: HEADER});
      if (!response.ok && response.status !== 400) throw new Error(String(response.status));
      const fresh = replacePanel(await response.text());
      const target = fresh && fresh.querySelector(focusSelector || '.errorlist, .liveblog-state');
      if (target) {
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
    } catch (error) {
      if (current) current.classList.remove('is-busy');
      window.alert('The live blog could not be saved (' + error.message + '). Check your connection and try again.');
    }
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.closest('#live-blog')) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const focus = form.classList.contains('liveblog-edit-form') ? '.errorlist, .liveblog-entries' : null;
    send(form.action, {method: 'POST', body: new FormData(form)}, focus);
  });

  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element && event.target.closest('#live-blog a.liveblog-edit, #live-blog a.liveblog-cancel');
    if (!link) return;
    event.preventDefault();
    const url = link.classList.contains('liveblog-cancel') ? panel().dataset.panelUrl : link.href;
    send(url, {method: 'GET'}, '.liveblog-edit-form textarea, .liveblog-state');
  });
})();
