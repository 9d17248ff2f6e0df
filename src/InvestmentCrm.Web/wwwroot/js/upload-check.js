// Upload pages: a file over the page's limit (data-max-bytes on the file input) is refused here, before its bytes are
// sent, with the same message the server gives when such a request reaches it anyway.
(function () {
  document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    var form = input.form;
    var max = Number(input.getAttribute('data-max-bytes'));
    var message = document.createElement('div');
    message.className = 'text-danger small';
    message.setAttribute('data-testid', 'file-error');
    message.setAttribute('role', 'alert');
    message.hidden = true;
    input.insertAdjacentElement('afterend', message);

    function tooLarge() {
      return input.files && input.files.length > 0 && input.files[0].size > max;
    }

    function check() {
      var refused = tooLarge();
      input.setCustomValidity(refused ? input.getAttribute('data-too-large') : '');
      input.classList.toggle('is-invalid', refused);
      message.textContent = refused ? input.getAttribute('data-too-large') : '';
      message.hidden = !refused;
      return !refused;
    }

    input.addEventListener('change', check);
    if (form) {
      // Registered before the progress script's handler (this file comes first), so it can stop the upload.
      form.addEventListener('submit', function (event) {
        if (!check()) {
          event.preventDefault();
          event.stopImmediatePropagation();
          input.focus();
        }
      });
    }
  });
})();
