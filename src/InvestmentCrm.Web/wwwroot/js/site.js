// Forms with data-confirm ask before a destructive action; the message comes from the page, localized.
document.addEventListener('submit', function (event) {
  var form = event.target;
  var message = form.getAttribute('data-confirm') || (event.submitter && event.submitter.getAttribute('data-confirm'));
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
}, true);
