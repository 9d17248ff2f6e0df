// The project board: drag a card to another stage column. The server decides (stage rules, visibility, version);
// the card moves only when it says yes, otherwise the reason is shown and the card stays where it was.
// A move back (the column's data-backward-from lists the stages it applies to) asks for confirmation and a reason.
(function () {
  var board = document.querySelector('.kanban');
  if (!board) return;
  var status = document.getElementById('board-status');
  var token = document.querySelector('#board-token input[name="__RequestVerificationToken"]').value;
  var dialogEl = document.getElementById('move-dialog');
  var dialog = window.bootstrap ? new bootstrap.Modal(dialogEl) : null;
  var dragged = null;
  var pending = null;
  var dialogTitle = dialogEl.querySelector('.modal-title');
  var dialogSubmit = dialogEl.querySelector('[data-part=submit]');
  var moveTitle = dialogTitle.textContent;
  var moveButton = dialogSubmit.textContent;

  function isBackward(card, column) {
    var from = card.closest('.kanban-column').getAttribute('data-stage');
    return (column.getAttribute('data-backward-from') || '').split(' ').indexOf(from) >= 0;
  }

  function backwardText(card, column) {
    var from = card.closest('.kanban-column').getAttribute('aria-label');
    return dialogEl.getAttribute('data-backward-warning').replace('{0}', from).replace('{1}', column.getAttribute('aria-label'));
  }

  function showError(message) {
    status.textContent = message;
    status.classList.remove('d-none');
  }

  function count(column, delta) {
    var el = column.querySelector('.kanban-count');
    var n = parseInt(el.getAttribute('data-n') || el.textContent.replace(/[^0-9]/g, ''), 10) + delta;
    el.setAttribute('data-n', n);
    el.textContent = n.toLocaleString(document.documentElement.lang);
  }

  function send(card, column, extra) {
    var data = new FormData();
    data.append('__RequestVerificationToken', token);
    data.append('code', card.getAttribute('data-code'));
    data.append('move.ToStage', column.getAttribute('data-stage'));
    data.append('move.Version', card.getAttribute('data-version'));
    if (extra) {
      if (extra.note) data.append('move.Note', extra.note);
      if (extra.signedOn) data.append('move.SignedOn', extra.signedOn);
      if (extra.contracted) data.append('move.ContractedInvestmentWan', extra.contracted);
      if (extra.backward) data.append('move.ConfirmBackward', 'true');
    }
    return fetch(board.getAttribute('data-move-url'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (!answer.ok) return answer.message || '?';
        var from = card.closest('.kanban-column');
        column.querySelector('.kanban-cards').prepend(card);
        card.setAttribute('data-version', answer.version);
        if (column.getAttribute('data-needs-signing') === 'true') card.setAttribute('data-signed', 'true');
        count(from, -1);
        count(column, 1);
        status.classList.add('d-none');
        board.setAttribute('data-last-move', card.getAttribute('data-code') + ':' + answer.stage);
        return null;
      });
  }

  board.addEventListener('dragstart', function (e) {
    var card = e.target.closest && e.target.closest('.kanban-card');
    if (!card || card.getAttribute('draggable') !== 'true') return;
    dragged = card;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', card.getAttribute('data-code'));
  });
  board.addEventListener('dragover', function (e) {
    var column = e.target.closest && e.target.closest('.kanban-column');
    if (dragged && column) {
      e.preventDefault();
      column.classList.add('drop-target');
    }
  });
  board.addEventListener('dragleave', function (e) {
    var column = e.target.closest && e.target.closest('.kanban-column');
    if (column) column.classList.remove('drop-target');
  });
  board.addEventListener('drop', function (e) {
    var column = e.target.closest && e.target.closest('.kanban-column');
    if (!dragged || !column) return;
    e.preventDefault();
    column.classList.remove('drop-target');
    var card = dragged;
    dragged = null;
    if (card.closest('.kanban-column') === column) return;
    var backward = isBackward(card, column);
    var needsReason = column.getAttribute('data-needs-reason') === 'true' || backward;
    var needsSigning = column.getAttribute('data-needs-signing') === 'true' && card.getAttribute('data-signed') !== 'true';
    if ((needsReason || needsSigning) && dialog) {
      pending = { card: card, column: column, backward: backward };
      dialogEl.querySelector('form').reset();
      var warning = dialogEl.querySelector('[data-part=backward]');
      warning.textContent = backward ? backwardText(card, column) : '';
      warning.classList.toggle('d-none', !backward);
      dialogTitle.textContent = backward ? dialogEl.getAttribute('data-backward-title') : moveTitle;
      dialogSubmit.textContent = backward ? dialogEl.getAttribute('data-backward-button') : moveButton;
      dialogEl.querySelector('[data-part=reason]').classList.toggle('d-none', !needsReason);
      dialogEl.querySelector('[data-part=signing]').classList.toggle('d-none', !needsSigning);
      dialogEl.querySelector('[data-part=error]').textContent = '';
      dialog.show();
      return;
    }
    send(card, column, null).then(function (error) { if (error) showError(error); });
  });
  board.addEventListener('dragend', function () { dragged = null; });

  document.getElementById('move-dialog-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!pending) return;
    var form = e.target;
    send(pending.card, pending.column, {
      note: form.note.value, signedOn: form.signedOn.value, contracted: form.contracted.value, backward: pending.backward
    }).then(function (error) {
      if (error) {
        form.querySelector('[data-part=error]').textContent = error;
      } else {
        pending = null;
        dialog.hide();
      }
    });
  });
})();
