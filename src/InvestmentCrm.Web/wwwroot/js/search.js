// Search everywhere (Features/Shared/_Layout.cshtml): "/" anywhere but in a field focuses the box in the top bar;
// htmx fills the list under the box as the reader types (the markup says how), and this shows the list when it holds
// something and hides it on Escape or a click elsewhere. Without script the box is a plain GET form to /search.
(function () {
  var box = document.querySelector('[data-search-box]');
  if (!box) { return; }
  var results = document.getElementById(box.getAttribute('aria-controls'));

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }

  function show(open) {
    results.classList.toggle('show', open);
    box.setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
      event.preventDefault();
      box.focus();
      box.select();
    } else if (event.key === 'Escape' && results.classList.contains('show')) {
      event.preventDefault(); // the first Escape closes the list and keeps the text; a second one clears the box
      show(false);
    }
  });

  document.body.addEventListener('htmx:afterSwap', function (event) {
    if (event.detail.target === results) { show(box.value.trim() !== '' && results.children.length > 0); }
  });

  box.addEventListener('focus', function () { if (box.value.trim() !== '' && results.children.length > 0) { show(true); } });

  document.addEventListener('click', function (event) {
    if (!box.form.contains(event.target)) { show(false); }
  });
})();
