// "Insert photo" beside the article body editor: upload a photo to the library (the server checks
// it and strips its metadata, as for hero images) or choose one, and the editor gets
// <figure data-photo="id"></figure> at the cursor (articles/static/articles/body-figures.js).
// "Embed video or post", or pasting a YouTube, Vimeo or X link on its own, gives
// <figure data-embed="link"></figure>.
'use strict';
(function () {
  document.addEventListener('prose-editor:ready', (event) => {
    const {editor, textarea} = event.detail;
    if (!textarea.dataset.photoLibraryUrl) return;
    const bar = document.createElement('div');
    bar.className = 'newsroom-insert-bar';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = 'Insert photo';
    bar.append(button);
    // The buttons above the editor, both in one column beside the field's label: as siblings in
    // the admin's flex row they squeezed the editor into what was left of the width.
    const editorBox = textarea.closest('.prose-editor') || textarea;
    const column = document.createElement('div');
    column.className = 'newsroom-body-column';
    editorBox.before(column);
    column.append(bar, editorBox);
    const dialog = photoDialog(textarea, (photo) => {
      dialog.close();
      // The stand-in in the body shows this (body-figures.js photoLabel), as the form does on reload.
      const captions = JSON.parse(textarea.dataset.photoCaptions || '{}');
      captions[photo.id] = photo.label;
      textarea.dataset.photoCaptions = JSON.stringify(captions);
      // The photo, then an empty paragraph with the cursor in it: the writer types on below.
      editor.chain().focus()
        .insertContent([{type: 'newsroomPhoto', attrs: {photo: String(photo.id)}}, {type: 'paragraph'}]).run();
    });
    bar.append(dialog);
    button.addEventListener('click', () => {
      dialog.showModal();
      dialog.dispatchEvent(new Event('newsroom:open'));
    });

    const insertEmbed = (url) => editor.chain().focus()
      .insertContent([{type: 'newsroomEmbed', attrs: {embed: url}}, {type: 'paragraph'}]).run();
    const embedButton = document.createElement('button');
    embedButton.type = 'button';
    embedButton.className = 'button';
    embedButton.textContent = 'Embed video or post';
    bar.append(embedButton);
    const embedDialog = linkDialog(insertEmbed);
    bar.append(embedDialog);
    embedButton.addEventListener('click', () => embedDialog.showModal());
    // A link pasted on its own becomes the video or post; any other paste is the editor's.
    editor.view.dom.addEventListener('paste', (pasted) => {
      const text = (pasted.clipboardData && pasted.clipboardData.getData('text/plain') || '').trim();
      if (!EMBEDDABLE.test(text)) return;
      pasted.preventDefault();
      pasted.stopImmediatePropagation();
      insertEmbed(text);
    }, true);
  });

  // The links the server accepts (photos/embeds.py parse_link); it has the last word.
  const EMBEDDABLE = new RegExp('^https?://(' + [
    '(www\\.|m\\.)?youtube\\.com/(watch\\?\\S*v=|shorts/|embed/|live/)[\\w-]{11}',
    'youtu\\.be/[\\w-]{11}',
    '(www\\.|player\\.)?vimeo\\.com/(\\S*/)?\\d+',
    '(www\\.|mobile\\.)?(x|twitter)\\.com/\\w+/status/\\d+',
  ].join('|') + ')\\S*$');

  function linkDialog(insert) {
    const dialog = document.createElement('dialog');
    dialog.className = 'newsroom-photo-dialog';
    dialog.setAttribute('aria-labelledby', 'embed-dialog-title');
    const title = document.createElement('h2');
    title.id = 'embed-dialog-title';
    title.textContent = 'Embed a video or post';
    const url = input('embed-url', {type: 'url', placeholder: 'https://www.youtube.com/watch?v=…'});
    const help = document.createElement('p');
    help.className = 'help';
    help.textContent = 'A link to a YouTube or Vimeo video or a post on X. Readers see its picture and load the player only if they click.';
    const error = document.createElement('p');
    error.className = 'errornote';
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'button default';
    add.textContent = 'Embed';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => dialog.close());
    add.addEventListener('click', () => {
      const link = url.value.trim();
      if (!EMBEDDABLE.test(link)) {
        error.textContent = 'This is not a YouTube, Vimeo or X link.';
        error.hidden = false;
        return;
      }
      error.hidden = true;
      url.value = '';
      dialog.close();
      insert(link);
    });
    dialog.append(title, field('Link', url), help, error, add, cancel);
    return dialog;
  }

  function field(label, input) {
    const row = document.createElement('p');
    const caption = document.createElement('label');
    caption.textContent = label;
    caption.htmlFor = input.id;
    row.append(caption, input);
    return row;
  }

  function input(id, attributes) {
    const element = document.createElement(attributes.tag || 'input');
    delete attributes.tag;
    element.id = id;
    Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, value));
    return element;
  }

  function photoDialog(textarea, choose) {
    const form = textarea.form;
    const dialog = document.createElement('dialog');
    dialog.className = 'newsroom-photo-dialog';
    dialog.setAttribute('aria-labelledby', 'photo-dialog-title');
    const title = document.createElement('h2');
    title.id = 'photo-dialog-title';
    title.textContent = 'Insert a photo';

    // Upload a new photo.
    const upload = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = 'Upload a new photo';
    const file = input('photo-upload-file', {type: 'file', accept: 'image/jpeg,image/png,image/webp,image/gif', name: 'image'});
    const alt = input('photo-upload-alt', {type: 'text', name: 'alt', dir: 'auto', maxlength: '300'});
    const caption = input('photo-upload-caption', {type: 'text', name: 'caption', dir: 'auto', maxlength: '500'});
    const credit = input('photo-upload-credit', {type: 'text', name: 'credit', dir: 'auto', maxlength: '200'});
    const errors = document.createElement('p');
    errors.className = 'errornote';
    errors.setAttribute('role', 'alert');
    errors.hidden = true;
    const send = document.createElement('button');
    send.type = 'button';
    send.className = 'button default';
    send.textContent = 'Upload and insert';
    upload.append(legend, field('Photo', file), field('Alt text (what it shows, in the story’s language)', alt),
      field('Caption', caption), field('Credit', credit), errors, send);

    // Or choose one from the library.
    const library = document.createElement('fieldset');
    const libraryLegend = document.createElement('legend');
    libraryLegend.textContent = 'Or choose from the photo library';
    const search = input('photo-library-search', {type: 'search', placeholder: 'Search alt text, caption, credit'});
    const results = document.createElement('ul');
    results.className = 'newsroom-photo-results';
    library.append(libraryLegend, field('Search', search), results);

    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'button';
    close.textContent = 'Cancel';
    close.addEventListener('click', () => dialog.close());
    dialog.append(title, upload, library, close);

    async function load() {
      const url = new URL(textarea.dataset.photoLibraryUrl, window.location.href);
      if (search.value.trim()) url.searchParams.set('q', search.value.trim());
      const response = await fetch(url, {credentials: 'same-origin'});
      const {photos} = await response.json();
      results.replaceChildren(...photos.map((photo) => {
        const item = document.createElement('li');
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'newsroom-photo-pick';
        const thumb = document.createElement('img');
        thumb.src = photo.thumb;
        thumb.alt = '';
        const text = document.createElement('span');
        text.textContent = photo.alt;
        pick.append(thumb, text);
        pick.addEventListener('click', () => choose(photo));
        item.append(pick);
        return item;
      }));
      if (!photos.length) results.textContent = 'No photos found.';
    }
    let timer;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    dialog.addEventListener('newsroom:open', load);

    send.addEventListener('click', async () => {
      const data = new FormData();
      if (file.files[0]) data.append('image', file.files[0]);
      data.append('alt', alt.value);
      data.append('caption', caption.value);
      data.append('credit', credit.value);
      data.append('language', form.elements.language ? form.elements.language.value : 'en');
      data.append('csrfmiddlewaretoken', form.elements.csrfmiddlewaretoken.value);
      send.disabled = true;
      try {
        const response = await fetch(textarea.dataset.photoUploadUrl, {method: 'POST', body: data, credentials: 'same-origin'});
        const answer = await response.json();
        if (answer.photo) {
          errors.hidden = true;
          [file, alt, caption, credit].forEach((element) => { element.value = ''; });
          choose(answer.photo);
        } else {
          errors.textContent = Object.values(answer.errors || {}).flat().join(' ') || 'The photo could not be uploaded.';
          errors.hidden = false;
        }
      } catch (error) {
        errors.textContent = 'The photo could not be uploaded. Try again.';
        errors.hidden = false;
      } finally {
        send.disabled = false;
      }
    });
    return dialog;
  }
})();
