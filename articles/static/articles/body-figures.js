// The article body editor's own blocks (django-prose-editor loads this module, see
// DJANGO_PROSE_EDITOR_EXTENSIONS in newsroom/settings.py). Each is an empty <figure> carrying one
// data- attribute, which the reader page draws (photos/body.py); the editor shows a stand-in.
import { Node } from 'django-prose-editor/editor';

function previewUrl(id) {
  const holder = document.querySelector('[data-photo-preview-url]');
  return holder ? holder.dataset.photoPreviewUrl.replace('/0/', `/${id}/`) : '';
}

// The photo's caption and credit (articles/forms.py BodyEditorWidget; insert-photo.js adds the
// photos it inserts), or its number when the page does not know it.
function photoLabel(id) {
  const holder = document.querySelector('[data-photo-captions]');
  const captions = holder ? JSON.parse(holder.dataset.photoCaptions || '{}') : {};
  return captions[id] || `Photo ${id} from the library`;
}

// A block <figure data-<key>="..."></figure>; draw(figure, value) fills the editor's stand-in.
function figureBlock(name, key, draw) {
  const attribute = `data-${key}`;
  return Node.create({
    name,
    group: 'block',
    atom: true,
    draggable: true,
    selectable: true,

    addAttributes() {
      return {
        [key]: {
          default: null,
          parseHTML: (element) => element.getAttribute(attribute),
          renderHTML: (attributes) => ({[attribute]: attributes[key]}),
        },
      };
    },

    parseHTML() {
      return [{tag: `figure[${attribute}]`}];
    },

    renderHTML({HTMLAttributes}) {
      return ['figure', HTMLAttributes];
    },

    addNodeView() {
      return ({node}) => {
        const dom = document.createElement('figure');
        dom.contentEditable = 'false';
        draw(dom, node.attrs[key]);
        return {dom};
      };
    },
  });
}

function caption(text) {
  const label = document.createElement('figcaption');
  label.textContent = text;
  return label;
}

// A photo of the library: <figure data-photo="id"></figure>.
export const NewsroomPhoto = figureBlock('newsroomPhoto', 'photo', (dom, id) => {
  dom.className = 'newsroom-photo-block';
  const image = document.createElement('img');
  image.src = previewUrl(id);
  image.alt = '';
  dom.append(image, caption(photoLabel(id)));
});

// A video or post by its link: <figure data-embed="https://..."></figure>. The server keeps it only
// for YouTube, Vimeo and X and asks the provider about it in the background (photos/embeds.py).
export const NewsroomEmbed = figureBlock('newsroomEmbed', 'embed', (dom, link) => {
  dom.className = 'newsroom-embed-block';
  dom.append(caption(`Video or post: ${link}`));
});
