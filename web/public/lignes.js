// Repeatable rows of the edit form (lists, relations): "Ajouter une ligne" adds an empty row in
// place instead of sending the form back, and each row gets a "Retirer" button. Without
// JavaScript the form always ends with an empty row, and the add button sends it back with one
// more. Ids, labels and row numbers are kept unique and in order after every change.
(() => {
  const renumber = (fieldset) => {
    const base = fieldset.id;
    const pattern = new RegExp(`^${base}-\\d+-`);
    [...fieldset.querySelectorAll('.ligne')].forEach((row, index) => {
      const prefix = `${base}-${index + 1}-`;
      for (const element of row.querySelectorAll('[id]')) element.id = element.id.replace(pattern, prefix);
      for (const label of row.querySelectorAll('label[for]')) label.htmlFor = label.htmlFor.replace(pattern, prefix);
      for (const element of row.querySelectorAll('[aria-describedby]')) {
        element.setAttribute('aria-describedby', element.getAttribute('aria-describedby').replace(pattern, prefix));
      }
      for (const number of row.querySelectorAll('.numero-ligne')) number.textContent = String(index + 1);
    });
  };

  const clear = (row) => {
    for (const input of row.querySelectorAll('input')) input.value = '';
    for (const select of row.querySelectorAll('select')) select.selectedIndex = 0;
    for (const title of row.querySelectorAll('.titre-lie')) title.textContent = '';
    for (const list of row.querySelectorAll('.suggestions')) list.remove();
  };

  const addRemoveButton = (fieldset, row) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'retirer-ligne';
    const hidden = document.createElement('span');
    hidden.className = 'visuellement-cache';
    const number = document.createElement('span');
    number.className = 'numero-ligne';
    // Names the field too: « Retirer la ligne 2 : Auteurs » (WCAG 2.4.6).
    const legend = fieldset.querySelector('legend')?.textContent.trim() ?? '';
    hidden.append(' la ligne ', number, ` : ${legend}`);
    button.append('Retirer', hidden);
    button.addEventListener('click', () => {
      const rows = fieldset.querySelectorAll('.ligne');
      const next = row.nextElementSibling ?? row.previousElementSibling;
      if (rows.length === 1) clear(row);
      else row.remove();
      renumber(fieldset);
      ((rows.length === 1 ? row : next)?.querySelector('input, select') ?? fieldset.querySelector('.ajouter-ligne')).focus();
    });
    row.append(button);
  };

  for (const fieldset of document.querySelectorAll('[data-repetable]')) {
    const list = fieldset.querySelector('.lignes');
    const add = fieldset.querySelector('.ajouter-ligne');
    if (!list || !add || !list.lastElementChild) continue;
    const template = list.lastElementChild.cloneNode(true);
    clear(template);
    for (const row of list.querySelectorAll('.ligne')) addRemoveButton(fieldset, row);
    add.type = 'button';
    add.removeAttribute('name');
    add.removeAttribute('formaction');
    add.addEventListener('click', () => {
      const row = template.cloneNode(true);
      list.append(row);
      addRemoveButton(fieldset, row);
      renumber(fieldset);
      row.querySelector('input, select')?.focus();
    });
    renumber(fieldset);
  }
})();
