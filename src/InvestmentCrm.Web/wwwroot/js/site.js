// Forms with data-confirm ask before a destructive action; the message comes from the page, localized.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var message = form.getAttribute('data-confirm') || (event.submitter && event.submitter.getAttribute('data-confirm'));
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);

// The Content-Security-Policy allows no inline script or style, so what pages used to say inline is said here:
// a select with data-autosubmit submits its form when changed;
document.addEventListener('change', function (event) {
  var field = event.target;
  if (field.hasAttribute && field.hasAttribute('data-autosubmit') && field.form) {
    field.form.submit();
  }
});

// a bar with data-progress="42" is drawn 42 % wide (element.style is allowed; a style attribute is not).
document.querySelectorAll('[data-progress]').forEach(function (bar) {
  var percent = Math.max(0, Math.min(100, Number(bar.getAttribute('data-progress')) || 0));
  bar.style.width = percent + '%';
});
