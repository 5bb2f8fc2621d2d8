// The Markdown editor of the edit form: a toolbar over the plain textarea (which stays the
// field that is sent, so nothing depends on this script), keyboard shortcuts (Ctrl+B, Ctrl+I,
// Ctrl+K) and a live preview rendered by the server exactly as the fiche page will be
// (POST /api/apercu). Loads nothing from any other site. One tab stop for the whole toolbar,
// arrows move between its buttons (WAI-ARIA toolbar pattern).
(() => {
  const area = document.getElementById('corps');
  const form = area?.form;
  if (!area || !form) return;

  const wrap = (before, after, placeholder) => () => {
    const { selectionStart: start, selectionEnd: end, value } = area;
    const selected = value.slice(start, end) || placeholder;
    insert(start, end, before + selected + after, start + before.length, start + before.length + selected.length);
  };
  const prefixLines = (prefix) => () => {
    const { selectionStart: start, selectionEnd: end, value } = area;
    const from = value.lastIndexOf('\n', start - 1) + 1;
    const lines = value.slice(from, end).split('\n');
    const text = lines.map((line, i) => (typeof prefix === 'function' ? prefix(i) : prefix) + line).join('\n');
    insert(from, end, text, from, from + text.length);
  };
  // execCommand keeps the browser's undo history; setRangeText where it is not supported.
  const insert = (start, end, text, selectFrom, selectTo) => {
    area.focus();
    area.setSelectionRange(start, end);
    if (!document.execCommand?.('insertText', false, text)) area.setRangeText(text, start, end, 'end');
    area.setSelectionRange(selectFrom, selectTo);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const actions = [
    { label: 'Gras', key: 'b', run: wrap('**', '**', 'texte en gras') },
    { label: 'Italique', key: 'i', run: wrap('_', '_', 'texte en italique') },
    { label: 'Intertitre', run: prefixLines('## ') },
    { label: 'Liste', run: prefixLines('- ') },
    { label: 'Liste numérotée', run: prefixLines((i) => `${i + 1}. `) },
    { label: 'Citation', run: prefixLines('> ') },
    { label: 'Lien', key: 'k', run: wrap('[', '](https://)', 'texte du lien') },
    { label: 'Lien vers une fiche', run: wrap('[[', ']]', 'slug-de-la-fiche') },
  ];

  const toolbar = document.createElement('div');
  toolbar.className = 'barre-outils';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Mise en forme du texte');
  toolbar.setAttribute('aria-controls', area.id);
  const buttons = actions.map((action, i) => {
    const button = document.createElement('button');
    button.type = 'button';
    // The visible text is the accessible name (WCAG 2.5.3); the shortcut is announced apart.
    button.textContent = action.label;
    if (action.key) {
      button.setAttribute('aria-keyshortcuts', `Control+${action.key.toUpperCase()}`);
      button.title = `${action.label} (Ctrl+${action.key.toUpperCase()})`;
    }
    button.tabIndex = i === 0 ? 0 : -1;
    button.addEventListener('click', action.run);
    return button;
  });

  // Live preview: a toggle, off by default (it sends the text to the server while typing).
  const previewButton = document.createElement('button');
  previewButton.type = 'button';
  previewButton.textContent = 'Aperçu en direct';
  previewButton.setAttribute('aria-pressed', 'false');
  previewButton.tabIndex = -1;
  buttons.push(previewButton);
  toolbar.append(...buttons);
  area.before(toolbar);

  toolbar.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[index].tabIndex = -1;
    const target = buttons[(next + buttons.length) % buttons.length];
    target.tabIndex = 0;
    target.focus();
  });

  area.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const action = actions.find((a) => a.key === event.key.toLowerCase());
    if (!action) return;
    event.preventDefault();
    action.run();
  });

  const preview = document.createElement('section');
  preview.className = 'apercu-direct';
  preview.setAttribute('aria-label', 'Aperçu en direct');
  preview.hidden = true;
  area.parentElement.after(preview);
  const token = form.querySelector('input[name="_csrf"]')?.value ?? '';
  let timer = null;
  let controller = null;

  const refresh = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch('/api/apercu', {
        method: 'POST',
        signal: controller.signal,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify({ corps: area.value }),
      });
      const answer = await response.json();
      // The HTML is our own server's rendering (raw HTML off), the same as on the fiche page.
      if (response.ok) preview.innerHTML = answer.html;
      else preview.textContent = `Aperçu indisponible : ${answer.erreur ?? response.status}`;
    } catch {
      // aborted by the next keystroke
    }
  };
  previewButton.addEventListener('click', () => {
    const on = previewButton.getAttribute('aria-pressed') !== 'true';
    previewButton.setAttribute('aria-pressed', String(on));
    preview.hidden = !on;
    if (on) refresh();
  });
  area.addEventListener('input', () => {
    if (preview.hidden) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
