// A video or post in a story loads its provider's player only when the reader asks for it:
// until the click the page shows our own copy of the poster and asks no third party anything.
// Without this script the poster is a link to the video on the provider's site.
'use strict';
document.addEventListener('click', (event) => {
  const poster = event.target.closest('figure[data-player] .embed-poster');
  if (!poster || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  const figure = poster.closest('figure');
  const frame = document.createElement('iframe');
  frame.src = figure.dataset.player;
  frame.title = figure.dataset.title;
  frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
  frame.allowFullscreen = true;
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  frame.className = 'embed-frame';
  poster.replaceWith(frame);
  frame.focus();
});
