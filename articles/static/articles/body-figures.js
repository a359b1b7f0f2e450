// The article body editor's own blocks (django-prose-editor loads this module, see
// DJANGO_PROSE_EDITOR_EXTENSIONS in newsroom/settings.py): a photo of the library is stored as
// <figure data-photo="id"></figure>; the reader page draws it (photos/body.py).
import { Node } from 'django-prose-editor/editor';

function previewUrl(id) {
  const holder = document.querySelector('[data-photo-preview-url]');
  return holder ? holder.dataset.photoPreviewUrl.replace('/0/', `/${id}/`) : '';
}

export const NewsroomPhoto = Node.create({
  name: 'newsroomPhoto',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      photo: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-photo'),
        renderHTML: (attributes) => ({'data-photo': attributes.photo}),
      },
    };
  },

  parseHTML() {
    return [{tag: 'figure[data-photo]'}];
  },

  renderHTML({HTMLAttributes}) {
    return ['figure', HTMLAttributes];
  },

  addNodeView() {
    return ({node}) => {
      const dom = document.createElement('figure');
      dom.className = 'newsroom-photo-block';
      dom.contentEditable = 'false';
      const image = document.createElement('img');
      image.src = previewUrl(node.attrs.photo);
      image.alt = '';
      const label = document.createElement('figcaption');
      label.textContent = `Photo ${node.attrs.photo} from the library`;
      dom.append(image, label);
      return {dom};
    };
  },
});

// A video or post by its link: <figure data-embed="https://..."></figure>. The server keeps it only
// for YouTube, Vimeo and X and asks the provider about it in the background (photos/embeds.py).
export const NewsroomEmbed = Node.create({
  name: 'newsroomEmbed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      embed: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-embed'),
        renderHTML: (attributes) => ({'data-embed': attributes.embed}),
      },
    };
  },

  parseHTML() {
    return [{tag: 'figure[data-embed]'}];
  },

  renderHTML({HTMLAttributes}) {
    return ['figure', HTMLAttributes];
  },

  addNodeView() {
    return ({node}) => {
      const dom = document.createElement('figure');
      dom.className = 'newsroom-embed-block';
      dom.contentEditable = 'false';
      const label = document.createElement('figcaption');
      label.textContent = `Video or post: ${node.attrs.embed}`;
      dom.append(label);
      return {dom};
    };
  },
});
