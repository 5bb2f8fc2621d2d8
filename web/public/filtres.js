// Live filtering on /fiches: a facet checkbox, the sort or the search box updates the results
// in place (the same server-rendered HTML, fetched), and the address bar follows. Without
// JavaScript the form works as a plain GET form.
(() => {
  const form = document.getElementById('form-fiches');
  if (!form || !window.fetch || !window.DOMParser) return;
  const facettes = document.getElementById('zone-facettes');
  if (facettes && window.matchMedia('(max-width: 50rem)').matches) facettes.removeAttribute('open');

  let controller = null;
  let timer = null;

  const queryOf = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (value !== '') params.append(name, String(value));
    return params.toString();
  };

  const refresh = async () => {
    const query = queryOf();
    const url = query ? `/fiches?${query}` : '/fiches';
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: 'text/html' } });
      if (!response.ok) return;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      replaceResults(page);
      const freshFacets = page.getElementById('zone-facettes');
      const currentFacets = document.getElementById('zone-facettes');
      if (freshFacets && currentFacets) {
        const focusedId = document.activeElement && document.activeElement.id;
        const open = currentFacets.hasAttribute('open');
        currentFacets.innerHTML = freshFacets.innerHTML;
        if (!open) currentFacets.removeAttribute('open');
        if (focusedId) document.getElementById(focusedId)?.focus();
      }
      const title = page.querySelector('h1');
      const currentTitle = document.querySelector('main h1');
      if (title && currentTitle) currentTitle.textContent = title.textContent;
      document.title = page.title;
      history.replaceState(null, '', url);
    } catch (error) {
      if (error.name !== 'AbortError') form.submit();
    }
  };

  // The count stays the same element with new text, so that screen readers announce it (a live
  // region inserted afresh is not announced); what follows the bar is replaced.
  const replaceResults = (page) => {
    const current = document.getElementById('zone-resultats');
    const fresh = page.getElementById('zone-resultats');
    const bar = current?.querySelector('.barre-resultats');
    const freshBar = fresh?.querySelector('.barre-resultats');
    if (!current || !fresh || !bar || !freshBar) return;
    const total = bar.querySelector('.total');
    const freshTotal = freshBar.querySelector('.total');
    if (total && freshTotal) total.textContent = freshTotal.textContent;
    while (bar.nextSibling) bar.nextSibling.remove();
    while (freshBar.nextSibling) current.appendChild(freshBar.nextSibling);
  };

  form.addEventListener('change', (event) => {
    if (event.target.name === 'q') return;
    refresh();
  });
  form.addEventListener('input', (event) => {
    if (event.target.name !== 'q') return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
})();
