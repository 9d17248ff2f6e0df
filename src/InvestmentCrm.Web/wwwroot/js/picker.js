// Search-as-you-type pickers (Features/Shared/_PickOne.cshtml and _PickNodes.cshtml). Without this script each is a
// plain text field the server reads (a USCC, CHAIN:NODE references). With it, typing asks the picker's JSON endpoint
// for a page of matches, shown as a listbox under the field: arrow keys move, Enter picks, Escape closes, the mouse
// works too. A single picker then sends the picked value from a hidden field and shows the name; a multiple picker
// adds a ticked box per pick. Strings come from the page (data-picker-*), so they follow the reader's language.
(function () {
  var counter = 0;

  function setup(root) {
    var input = root.querySelector('[data-picker-input]');
    if (!input) { return; }
    var multiple = root.hasAttribute('data-picker-multiple');
    var listId = 'picker-list-' + (++counter);
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'picker-list list-unstyled';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    var hidden = null;
    if (!multiple) {
      // The form sends the hidden field: the picked value, or what was typed (the server accepts a USCC or a full name).
      hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = input.name;
      hidden.value = input.value;
      input.removeAttribute('name');
      input.insertAdjacentElement('beforebegin', hidden);
      var label = input.getAttribute('data-picker-label');
      if (label) {
        input.value = label;
        var current = root.querySelector('[data-picker-current]');
        if (current) { current.hidden = true; }
      }
    }

    var items = [];
    var active = -1;
    var page = 1;
    var timer = null;
    var request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role=option]');
      if (options.length === 0) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) { option.setAttribute('aria-selected', i === active ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    }

    function message(text) {
      var li = document.createElement('li');
      li.className = 'picker-message text-muted small';
      li.textContent = text;
      list.appendChild(li);
    }

    function render(append) {
      if (!append) { list.textContent = ''; }
      var old = list.querySelector('[data-picker-more-option]');
      if (old) { old.remove(); }
      items.forEach(function (item, i) {
        if (document.getElementById(listId + '-' + i)) { return; }
        var li = document.createElement('li');
        li.id = listId + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = 'picker-option';
        li.setAttribute('data-value', item.value);
        var name = document.createElement('span');
        name.textContent = item.label;
        li.appendChild(name);
        if (item.detail) {
          var detail = document.createElement('small');
          detail.className = 'd-block text-muted';
          detail.textContent = item.detail;
          li.appendChild(detail);
        }
        li.addEventListener('mousedown', function (event) { event.preventDefault(); pick(item); });
        list.appendChild(li);
      });
      if (items.length === 0) { message(root.getAttribute('data-picker-empty')); }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function load(append) {
      var id = ++request;
      var url = new URL(root.getAttribute('data-picker-url'), window.location.href);
      url.searchParams.set('q', input.value.trim());
      url.searchParams.set('p', String(page));
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
        .then(function (data) {
          if (id !== request) { return; } // a later keystroke has asked again
          items = append ? items.concat(data.items) : data.items;
          render(append);
          if (data.more) {
            var more = document.createElement('li');
            more.className = 'picker-message';
            more.setAttribute('data-picker-more-option', '');
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'btn btn-link btn-sm p-0';
            button.textContent = root.getAttribute('data-picker-more');
            button.addEventListener('mousedown', function (event) { event.preventDefault(); page++; load(true); });
            more.appendChild(button);
            list.appendChild(more);
          }
          if (!append) { highlight(0); }
        })
        .catch(function () {
          if (id !== request) { return; }
          list.textContent = '';
          message(root.getAttribute('data-picker-failed'));
          list.hidden = false;
        });
    }

    function search() {
      clearTimeout(timer);
      timer = setTimeout(function () { page = 1; load(false); }, 150);
    }

    function pick(item) {
      if (multiple) {
        add(item);
        input.value = '';
      } else {
        hidden.value = item.value;
        input.value = item.label;
      }
      close();
      input.focus();
    }

    function add(item) {
      var field = root.getAttribute('data-picker-field');
      var chosen = root.querySelector('[data-picker-chosen]');
      var none = chosen.querySelector('[data-picker-none]');
      if (none) { none.remove(); }
      var existing = chosen.querySelector('input[value="' + String(item.id) + '"]');
      if (existing) { existing.checked = true; return; }
      var boxId = listId + '-chosen-' + item.id;
      var chip = document.createElement('div');
      chip.className = 'form-check form-check-inline picker-chip';
      var box = document.createElement('input');
      box.className = 'form-check-input';
      box.type = 'checkbox';
      box.name = field;
      box.value = String(item.id);
      box.id = boxId;
      box.checked = true;
      box.setAttribute('data-node', item.value);
      var label = document.createElement('label');
      label.className = 'form-check-label';
      label.htmlFor = boxId;
      label.textContent = item.label + ' ';
      var code = document.createElement('span');
      code.className = 'text-muted small';
      code.textContent = item.value;
      label.appendChild(code);
      chip.appendChild(box);
      chip.appendChild(label);
      chosen.appendChild(chip);
    }

    input.addEventListener('input', function (event) {
      if (hidden) { hidden.value = input.value.trim(); }
      if (event.isComposing) { return; } // an input method is still composing (pinyin): wait for the characters
      search();
    });
    input.addEventListener('compositionend', search);
    input.addEventListener('focus', function () { if (input.value.trim() === '' || multiple) { search(); } });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (event) {
      if (event.isComposing) { return; }
      var open = !list.hidden;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (open) { highlight(active + 1); } else { search(); }
      } else if (event.key === 'ArrowUp') {
        if (open) { event.preventDefault(); highlight(active - 1); }
      } else if (event.key === 'Enter') {
        // Enter picks; it never submits the form from a picker with its list open.
        if (open) {
          event.preventDefault();
          if (active >= 0 && active < items.length) { pick(items[active]); }
        } else if (multiple) {
          event.preventDefault();
        }
      } else if (event.key === 'Escape') {
        if (open) { event.preventDefault(); close(); }
      }
    });
  }

  document.querySelectorAll('[data-picker]').forEach(setup);
})();
