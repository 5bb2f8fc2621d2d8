// The fiche picker of a relation row: typing in the fiche input lists matching titles
// (GET /api/suggestions, public fiches), ARIA 1.2 combobox with a listbox; arrows move, Enter
// or a click picks, Escape closes. The input then holds the slug and the title is shown beside
// it. Without JavaScript one types a slug or an exact title, which the server resolves.
(() => {
  if (!window.fetch) return;
  let counter = 0;

  const enhance = (input) => {
    input.dataset.choixFiche = 'actif';
    const list = document.createElement('ul');
    list.id = `suggestions-${++counter}`;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Fiches proposées');
    list.hidden = true;
    input.after(list);
    // Announces how many fiches are proposed (WCAG 4.1.3), without moving the focus.
    const status = document.createElement('span');
    status.className = 'visuellement-cache';
    status.setAttribute('role', 'status');
    list.after(status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    const title = () => input.parentElement.querySelector('.titre-lie');
    let active = -1;
    let timer = null;
    let controller = null;

    const options = () => [...list.querySelectorAll('[role="option"]')];
    const close = () => {
      // A search still on its way must not reopen the list once the person has moved on.
      clearTimeout(timer);
      if (controller) controller.abort();
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const highlight = (index) => {
      const all = options();
      if (all.length === 0) return;
      active = (index + all.length) % all.length;
      all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    };
    const pick = (option) => {
      input.value = option.dataset.slug;
      const shown = title();
      if (shown) shown.textContent = `→ ${option.dataset.titre}`;
      close();
      input.focus();
    };
    const show = (results) => {
      if (document.activeElement !== input) return;
      list.replaceChildren(
        ...results.map((result, i) => {
          const option = document.createElement('li');
          option.id = `${list.id}-${i}`;
          option.setAttribute('role', 'option');
          option.setAttribute('aria-selected', 'false');
          option.dataset.slug = result.slug;
          option.dataset.titre = result.titre;
          option.textContent = result.titre;
          const slug = document.createElement('span');
          slug.className = 'slug-suggere';
          slug.textContent = result.slug;
          option.append(slug);
          // mousedown, not click: picks before the input loses focus and closes the list.
          option.addEventListener('mousedown', (event) => {
            event.preventDefault();
            pick(option);
          });
          return option;
        }),
      );
      active = -1;
      status.textContent = results.length === 0 ? 'Aucune fiche ne correspond.' : `${results.length} fiche${results.length > 1 ? 's' : ''} proposée${results.length > 1 ? 's' : ''} : flèches pour choisir, Entrée pour valider.`;
      list.hidden = results.length === 0;
      input.setAttribute('aria-expanded', String(results.length > 0));
      input.removeAttribute('aria-activedescendant');
    };
    const search = async () => {
      const text = input.value.trim();
      if (text.length < 2) return close();
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`/api/suggestions?q=${encodeURIComponent(text)}`, { signal: controller.signal });
        if (response.ok) show((await response.json()).resultats);
      } catch {
        // aborted by the next keystroke, or offline: the input still takes a slug as typed
      }
    };

    input.addEventListener('input', () => {
      const shown = title();
      if (shown) shown.textContent = '';
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener('keydown', (event) => {
      const open = !list.hidden;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!open) return void search();
        event.preventDefault();
        highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        pick(options()[active]);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 100));
  };

  for (const input of document.querySelectorAll('input.choix-fiche')) enhance(input);
  // Rows added later (lignes.js) are enhanced when first focused.
  document.addEventListener('focusin', (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains('choix-fiche') && !input.dataset.choixFiche) enhance(input);
  });
})();
