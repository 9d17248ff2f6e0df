// The project board: drag a card to another stage column, or pick the stage in the card's "move to…" menu (keyboard
// and touch). Both go the same way: the server decides (stage rules, visibility, version); the card moves only when
// it says yes, otherwise the reason is shown and the card stays where it was. A move back (the column's
// data-backward-from lists the stages it applies to) asks for confirmation and a reason. Without this script the
// "move to…" link opens the server's move panel, which posts to the same handler.
(function () {
  var board = document.querySelector('.kanban');
  if (!board) return;
  var status = document.getElementById('board-status');
  var token = document.querySelector('#board-token input[name="__RequestVerificationToken"]').value;
  var dialogEl = document.getElementById('move-dialog');
  var dialog = window.bootstrap ? new bootstrap.Modal(dialogEl) : null;
  var announce = document.getElementById('board-announce');
  var dragged = null;
  var pending = null;
  // Where focus goes when the dialog closes without a move: the control the move was started from.
  var returnFocus = null;
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
    return fetch(board.getAttribute('data-move-url'), {
      method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' }
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (!answer.ok) return answer.message || '?';
        var from = card.closest('.kanban-column');
        column.querySelector('.kanban-cards').prepend(card);
        card.setAttribute('data-version', answer.version);
        if (answer.message) announce.textContent = answer.message;
        if (column.getAttribute('data-needs-signing') === 'true') card.setAttribute('data-signed', 'true');
        count(from, -1);
        count(column, 1);
        status.classList.add('d-none');
        board.setAttribute('data-last-move', card.getAttribute('data-code') + ':' + answer.stage);
        return null;
      });
  }

  // A drop or a menu choice: ask what the rules need (reason, confirmation, signing) first, then send.
  function requestMove(card, column, origin) {
    var backward = isBackward(card, column);
    var needsReason = column.getAttribute('data-needs-reason') === 'true' || backward;
    var needsSigning = column.getAttribute('data-needs-signing') === 'true' && card.getAttribute('data-signed') !== 'true';
    returnFocus = origin;
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
    send(card, column, null).then(function (error) { moved(card, error); });
  }

  // After a move the card (now in its new column) keeps focus, its menu closed; after a refusal, the reason shows.
  function moved(card, error) {
    if (error) {
      showError(error);
      if (returnFocus) returnFocus.focus();
      return;
    }
    returnFocus = null;
    (card.querySelector('.move-link') || card).focus();
  }

  // The "move to…" menu (the menu button pattern): one list of stages, moved under the chosen card, the card's own
  // stage hidden and moves back marked. Arrow keys, Home and End move within it; Enter or a tap chooses; Escape and
  // Tab close it, focus back on the card's link.
  var menu = document.getElementById('move-menu');
  // Every card the reader may change (draggable) gets its "move to…" button here; its link is the server's move
  // panel (?move=CODE), for a new tab.
  board.querySelectorAll('.kanban-card[draggable=true]').forEach(function (card) {
    var link = document.createElement('a');
    var code = card.getAttribute('data-code');
    link.className = 'move-link';
    link.href = '?move=' + encodeURIComponent(code);
    link.textContent = board.getAttribute('data-move-text');
    link.setAttribute('role', 'button');
    link.setAttribute('aria-haspopup', 'menu');
    link.setAttribute('aria-expanded', 'false');
    link.setAttribute('aria-label', board.getAttribute('data-move-label').replace('{0}', code));
    card.appendChild(link);
  });
  var menuItems = Array.prototype.slice.call(menu.querySelectorAll('[role=menuitem]'));
  var menuLink = null;

  function visibleItems() { return menuItems.filter(function (item) { return !item.hidden; }); }

  function closeMenu(focusLink) {
    if (!menuLink) return;
    menu.hidden = true;
    menuLink.setAttribute('aria-expanded', 'false');
    if (focusLink) menuLink.focus();
    menuLink = null;
  }

  function openMenu(link) {
    var card = link.closest('.kanban-card');
    closeMenu(false);
    menuLink = link;
    menuItems.forEach(function (item) {
      var column = board.querySelector('.kanban-column[data-stage="' + item.getAttribute('data-stage') + '"]');
      var name = column.getAttribute('aria-label');
      item.hidden = column === card.closest('.kanban-column');
      item.textContent = isBackward(card, column) ? board.getAttribute('data-back-option').replace('{0}', name) : name;
    });
    link.after(menu);
    menu.hidden = false;
    link.setAttribute('aria-expanded', 'true');
    visibleItems()[0].focus();
  }

  board.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('.move-link');
    if (!link) return;
    e.preventDefault();
    if (menuLink === link) closeMenu(true); else openMenu(link);
  });

  menu.addEventListener('click', function (e) {
    var item = e.target.closest('[role=menuitem]');
    if (!item || !menuLink) return;
    var link = menuLink;
    var card = link.closest('.kanban-card');
    closeMenu(false);
    requestMove(card, board.querySelector('.kanban-column[data-stage="' + item.getAttribute('data-stage') + '"]'), link);
  });

  menu.addEventListener('keydown', function (e) {
    var items = visibleItems();
    var at = items.indexOf(document.activeElement);
    var next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next !== undefined) {
      e.preventDefault();
      items[(next + items.length) % items.length].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      closeMenu(true);
    } else if (e.key === 'Tab') {
      closeMenu(false);
    }
  });

  document.addEventListener('click', function (e) {
    if (menuLink && !menu.contains(e.target) && e.target !== menuLink) closeMenu(false);
  });

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
    requestMove(card, column, card);
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
        var card = pending.card;
        pending = null;
        returnFocus = null;
        dialog.hide();
        moved(card, null);
      }
    });
  });

  // Focus into the first field the dialog asks for, and back to where the move started when it is cancelled.
  dialogEl.addEventListener('shown.bs.modal', function () {
    var field = dialogEl.querySelector('[data-part]:not(.d-none) input');
    if (field) field.focus();
  });
  dialogEl.addEventListener('hidden.bs.modal', function () {
    pending = null;
    if (returnFocus) returnFocus.focus();
    returnFocus = null;
  });
})();
