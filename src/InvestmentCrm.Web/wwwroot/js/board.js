// The project board: drag a card to another stage column. The server decides (stage rules, visibility, version);
// the card moves only when it says yes, otherwise the reason is shown and the card stays where it was.
(function () {
  var board = document.querySelector('.kanban');
  if (!board) return;
  var status = document.getElementById('board-status');
  var token = document.querySelector('#board-token input[name="__RequestVerificationToken"]').value;
  var dialogEl = document.getElementById('move-dialog');
  var dialog = window.bootstrap ? new bootstrap.Modal(dialogEl) : null;
  var dragged = null;
  var pending = null;

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
    var needsReason = column.getAttribute('data-needs-reason') === 'true';
    var needsSigning = column.getAttribute('data-needs-signing') === 'true' && card.getAttribute('data-signed') !== 'true';
    if ((needsReason || needsSigning) && dialog) {
      pending = { card: card, column: column };
      dialogEl.querySelector('[data-part=reason]').classList.toggle('d-none', !needsReason);
      dialogEl.querySelector('[data-part=signing]').classList.toggle('d-none', !needsSigning);
      dialogEl.querySelector('[data-part=error]').textContent = '';
      dialogEl.querySelector('form').reset();
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
      note: form.note.value, signedOn: form.signedOn.value, contracted: form.contracted.value
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
