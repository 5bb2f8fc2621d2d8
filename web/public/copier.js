// The "copy the attribution text" button: shown only when the clipboard can be used.
(() => {
  for (const button of document.querySelectorAll('.bouton-copier')) {
    const target = document.getElementById(button.dataset.cible);
    const status = button.parentElement.querySelector('.statut-copie');
    if (!target || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(target.value);
      } catch {
        target.select();
        document.execCommand('copy');
      }
      if (status) status.textContent = button.dataset.message;
    });
  }
})();
