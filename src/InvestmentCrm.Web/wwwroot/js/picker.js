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
    var picker = {
      root: root, input: input, multiple: root.hasAttribute('data-picker-multiple'), listId: 'picker-list-' + (++counter),
      list: document.createElement('ul'), hidden: null, items: [], active: -1, page: 1, timer: null, request: 0
    };
    picker.list.id = picker.listId;
    picker.list.className = 'picker-list list-unstyled';
    picker.list.setAttribute('role', 'listbox');
    picker.list.hidden = true;
    input.insertAdjacentElement('afterend', picker.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', picker.listId);
    if (!picker.multiple) { sendFromHiddenField(picker); }
    listen(picker);
  }

  // The form sends the hidden field: the picked value, or what was typed (the server accepts a USCC or a full name).
  function sendFromHiddenField(picker) {
    var input = picker.input;
    picker.hidden = document.createElement('input');
    picker.hidden.type = 'hidden';
    picker.hidden.name = input.name;
    picker.hidden.value = input.value;
    input.removeAttribute('name');
    input.insertAdjacentElement('beforebegin', picker.hidden);
    var label = input.getAttribute('data-picker-label');
    if (label) {
      input.value = label;
      var current = picker.root.querySelector('[data-picker-current]');
      if (current) { current.hidden = true; }
    }
  }

  function listen(picker) {
    var input = picker.input;
    input.addEventListener('input', function (event) {
      if (picker.hidden) { picker.hidden.value = input.value.trim(); }
      if (event.isComposing) { return; } // an input method is still composing (pinyin): wait for the characters
      search(picker);
    });
    input.addEventListener('compositionend', function () { search(picker); });
    input.addEventListener('focus', function () { if (input.value.trim() === '' || picker.multiple) { search(picker); } });
    input.addEventListener('blur', function () { setTimeout(function () { close(picker); }, 100); });
    input.addEventListener('keydown', function (event) { keydown(picker, event); });
  }

  function keydown(picker, event) {
    if (event.isComposing) { return; }
    var open = !picker.list.hidden;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (open) { highlight(picker, picker.active + 1); } else { search(picker); }
    } else if (event.key === 'ArrowUp') {
      if (open) { event.preventDefault(); highlight(picker, picker.active - 1); }
    } else if (event.key === 'Enter') {
      // Enter picks; it never submits the form from a picker with its list open, nor from a multiple picker.
      if (open) {
        event.preventDefault();
        if (picker.active >= 0 && picker.active < picker.items.length) { pick(picker, picker.items[picker.active]); }
      } else if (picker.multiple) {
        event.preventDefault();
      }
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close(picker);
    }
  }

  function search(picker) {
    clearTimeout(picker.timer);
    picker.timer = setTimeout(function () { picker.page = 1; load(picker, false); }, 150);
  }

  function load(picker, append) {
    var id = ++picker.request;
    var url = new URL(picker.root.getAttribute('data-picker-url'), window.location.href);
    url.searchParams.set('q', picker.input.value.trim());
    url.searchParams.set('p', String(picker.page));
    fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
      .then(function (data) {
        if (id !== picker.request) { return; } // a later keystroke has asked again
        picker.items = append ? picker.items.concat(data.items) : data.items;
        render(picker, append, data.more);
        if (!append) { highlight(picker, 0); }
      })
      .catch(function () {
        if (id !== picker.request) { return; }
        picker.list.textContent = '';
        message(picker, picker.root.getAttribute('data-picker-failed'));
        open(picker);
      });
  }

  function render(picker, append, more) {
    var list = picker.list;
    if (!append) { list.textContent = ''; }
    var old = list.querySelector('[data-picker-more-option]');
    if (old) { old.remove(); }
    picker.items.forEach(function (item, i) {
      if (!document.getElementById(picker.listId + '-' + i)) { list.appendChild(option(picker, item, i)); }
    });
    if (picker.items.length === 0) { message(picker, picker.root.getAttribute('data-picker-empty')); }
    if (more) { list.appendChild(moreButton(picker)); }
    open(picker);
  }

  function option(picker, item, i) {
    var li = document.createElement('li');
    li.id = picker.listId + '-' + i;
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
    li.addEventListener('mousedown', function (event) { event.preventDefault(); pick(picker, item); });
    return li;
  }

  function moreButton(picker) {
    var li = document.createElement('li');
    li.className = 'picker-message';
    li.setAttribute('data-picker-more-option', '');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-link btn-sm p-0';
    button.textContent = picker.root.getAttribute('data-picker-more');
    button.addEventListener('mousedown', function (event) { event.preventDefault(); picker.page++; load(picker, true); });
    li.appendChild(button);
    return li;
  }

  function message(picker, text) {
    var li = document.createElement('li');
    li.className = 'picker-message text-muted small';
    li.textContent = text;
    picker.list.appendChild(li);
  }

  function open(picker) {
    picker.list.hidden = false;
    picker.input.setAttribute('aria-expanded', 'true');
  }

  function close(picker) {
    picker.list.hidden = true;
    picker.input.setAttribute('aria-expanded', 'false');
    picker.input.removeAttribute('aria-activedescendant');
    picker.active = -1;
  }

  function highlight(picker, index) {
    var options = picker.list.querySelectorAll('[role=option]');
    if (options.length === 0) { return; }
    picker.active = (index + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute('aria-selected', i === picker.active ? 'true' : 'false'); });
    picker.input.setAttribute('aria-activedescendant', options[picker.active].id);
    options[picker.active].scrollIntoView({ block: 'nearest' });
  }

  function pick(picker, item) {
    if (picker.multiple) {
      tick(picker, item);
      picker.input.value = '';
    } else {
      picker.hidden.value = item.value;
      picker.input.value = item.label;
    }
    close(picker);
    picker.input.focus();
  }

  // A multiple picker's pick: a ticked box named like the server-rendered ones (unticking removes it).
  function tick(picker, item) {
    var chosen = picker.root.querySelector('[data-picker-chosen]');
    var none = chosen.querySelector('[data-picker-none]');
    if (none) { none.remove(); }
    var existing = chosen.querySelector('input[value="' + String(item.id) + '"]');
    if (existing) { existing.checked = true; return; }
    var boxId = picker.listId + '-chosen-' + item.id;
    var chip = document.createElement('div');
    chip.className = 'form-check form-check-inline picker-chip';
    var box = document.createElement('input');
    box.className = 'form-check-input';
    box.type = 'checkbox';
    box.name = picker.root.getAttribute('data-picker-field');
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

  document.querySelectorAll('[data-picker]').forEach(setup);
})();
