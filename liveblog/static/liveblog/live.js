// A live blog's open page asks for new entries every few seconds (data-poll-seconds) from a small,
// cacheable endpoint (liveblog/views.py), and puts them in place: new ones at the top, edited ones
// replaced, deleted ones gone, pinned ones first. Without JavaScript a reload shows the same.
// Every page asks the same address (the latest changes), so the page cache builds each answer once;
// a page that slept through more changes than one answer carries catches up with ?since=.
'use strict';
(function () {
  const section = document.querySelector('[data-live-poll]');
  if (!section || !window.fetch) return;
  const list = section.querySelector('.live-entries');
  const announce = section.querySelector('.live-announce');
  const seconds = Math.max(1, Number(section.dataset.pollSeconds) || 30);
  let latest = Number(section.dataset.latest) || 0;
  let changed = Number(section.dataset.changed) || 0; // the newest change this page shows
  let timer = null;
  let stopped = false;

  function element(html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function apply(data) {
    let added = 0;
    for (const entry of data.entries) {
      // An entry the page already shows as it is stays untouched (a reader may have opened its embed).
      if (entry.changed <= changed && document.getElementById('entry-' + entry.id)) continue;
      const fresh = element(entry.html);
      if (!fresh) continue;
      const old = document.getElementById(fresh.id);
      if (old) {
        old.replaceWith(fresh);
      } else {
        fresh.classList.add('is-new');
        list.prepend(fresh);
        added += 1;
      }
    }
    // The order the server gives (pinned first, then newest first); an entry it no longer lists was deleted.
    const wanted = data.ids.map((id) => document.getElementById('entry-' + id)).filter(Boolean);
    const current = Array.from(list.children);
    for (const child of current) if (!wanted.includes(child)) child.remove();
    if (wanted.some((child, index) => list.children[index] !== child)) wanted.forEach((child) => list.append(child));
    const empty = section.querySelector('.live-empty');
    if (empty) empty.hidden = wanted.length > 0;
    latest = Math.max(latest, data.latest);
    section.dataset.latest = String(latest);
    for (const entry of data.entries) changed = Math.max(changed, entry.changed);
    section.dataset.changed = String(changed);
    if (added && announce) announce.textContent = section.dataset.announce;
  }

  function end() {
    stopped = true;
    section.classList.add('is-ended');
    const status = section.querySelector('.live-status-text');
    if (status) status.textContent = section.dataset.ended;
    const badge = section.querySelector('.live-badge');
    if (badge) badge.remove();
  }

  // The answer as JSON, null when the live blog is gone (404), undefined on another error.
  async function ask(since) {
    const url = new URL(section.dataset.livePoll, window.location.href);
    if (since !== null) url.searchParams.set('since', String(since));
    // No cookies: every reader's request is the same one, which the page cache and a CDN keep.
    const response = await fetch(url, {credentials: 'omit', headers: {Accept: 'application/json'}});
    if (response.status === 404) return null;
    return response.ok ? response.json() : undefined;
  }

  async function poll() {
    timer = null;
    if (stopped) return;
    if (document.hidden) return; // asked again when the reader comes back
    try {
      const data = await ask(null);
      if (data === null) return end(); // unpublished or gone: nothing more to show
      if (data) {
        if (data.from !== null && data.from > changed) {
          const missed = await ask(latest); // more changes than one answer carries: catch up first
          if (missed) apply(missed);
        }
        apply(data);
        if (!data.live) return end();
      }
    } catch (error) {
      // Offline for a moment: the next poll tries again.
    }
    schedule();
  }

  function schedule() {
    if (!stopped && timer === null) timer = window.setTimeout(poll, seconds * 1000);
  }

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden && !stopped) {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      poll();
    }
  });
  schedule();
})();
