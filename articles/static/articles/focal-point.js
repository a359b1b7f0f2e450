// Focal point of a photo (the hero's, a library photo's): click the preview to say where its subject is. The two number
// fields (0 to 1 across and down) stay the source of truth and work without this script;
// story cards and share images crop around that point (articles/images.py focal_crop_box).
'use strict';
const FOCAL_FIELDS = [['hero_image', 'hero_focal_x', 'hero_focal_y'], ['image', 'focal_x', 'focal_y']];

document.addEventListener('DOMContentLoaded', function () {
  FOCAL_FIELDS.forEach(([photo, x, y]) => {
    const upload = document.querySelector(`input[type="file"][name="${photo}"]`);
    const across = document.querySelector(`input[name="${x}"]`);
    const down = document.querySelector(`input[name="${y}"]`);
    if (upload && across && down) focalPicker(upload, across, down);
  });
});

function focalPicker(upload, across, down) {

  const picker = document.createElement('div');
  picker.className = 'focal-point-picker';
  picker.hidden = true;
  const hint = document.createElement('p');
  hint.className = 'help';
  hint.textContent = 'Click the subject of the photo: cards and share images keep that point in view.';
  const frame = document.createElement('div');
  frame.className = 'focal-point-frame';
  const image = document.createElement('img');
  image.alt = 'The photo: click to set its focal point';
  const marker = document.createElement('span');
  marker.className = 'focal-point-marker';
  marker.setAttribute('aria-hidden', 'true');
  frame.append(image, marker);
  picker.append(hint, frame);
  (across.closest('.form-row') || across.parentElement).before(picker);

  const clamp = (value) => Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0.5));
  function place() {
    marker.style.left = `${clamp(parseFloat(across.value)) * 100}%`;
    marker.style.top = `${clamp(parseFloat(down.value)) * 100}%`;
  }
  function show(src) {
    image.src = src;
    picker.hidden = false;
    place();
  }

  const current = upload.closest('.file-upload')?.querySelector('a[href]');
  if (current) show(current.href);
  upload.addEventListener('change', () => {
    const file = upload.files && upload.files[0];
    if (!file) return;
    // A data: URL (the admin's image policy allows data:, not blob:).
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      across.value = '0.5';
      down.value = '0.5';
      show(reader.result);
    });
    reader.readAsDataURL(file);
  });
  image.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    across.value = clamp((event.clientX - box.left) / box.width).toFixed(3);
    down.value = clamp((event.clientY - box.top) / box.height).toFixed(3);
    place();
    across.dispatchEvent(new Event('change', {bubbles: true}));
  });
  across.addEventListener('input', place);
  down.addEventListener('input', place);
}
