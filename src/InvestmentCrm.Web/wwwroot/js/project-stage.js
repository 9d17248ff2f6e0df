// The stage move of the project page: a move back (the option's data-backward) is confirmed in a dialog that asks
// for the reason before the form is sent. The server enforces the same rule: without this script it answers with
// a confirmation step instead.
(function () {
  var form = document.querySelector('[data-testid=move-form]');
  var dialogEl = document.getElementById('backward-dialog');
  if (!form || !dialogEl || !window.bootstrap) return;
  var dialog = new bootstrap.Modal(dialogEl);
  var select = form.querySelector('select[name="Move.ToStage"]');
  var note = form.querySelector('input[name="Move.Note"]');
  var reason = dialogEl.querySelector('input[name=reason]');
  var error = dialogEl.querySelector('[data-part=error]');
  var confirmed = false;

  form.addEventListener('submit', function (e) {
    var option = select.options[select.selectedIndex];
    // The confirmation step's own button already says "confirm move back".
    var viaConfirmButton = e.submitter && e.submitter.name === 'Move.ConfirmBackward';
    if (confirmed || viaConfirmButton || !option || option.getAttribute('data-backward') !== 'true') return;
    e.preventDefault();
    dialogEl.querySelector('[data-part=warning]').textContent = dialogEl.getAttribute('data-warning')
      .replace('{0}', form.getAttribute('data-from-name')).replace('{1}', option.getAttribute('data-name'));
    reason.value = note.value;
    error.textContent = '';
    dialog.show();
  });

  dialogEl.addEventListener('shown.bs.modal', function () { reason.focus(); });

  document.getElementById('backward-dialog-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!reason.value.trim()) {
      error.textContent = dialogEl.getAttribute('data-reason-required');
      return;
    }
    note.value = reason.value;
    var flag = document.createElement('input');
    flag.type = 'hidden';
    flag.name = 'Move.ConfirmBackward';
    flag.value = 'true';
    form.appendChild(flag);
    confirmed = true;
    dialog.hide();
    form.submit();
  });
})();
