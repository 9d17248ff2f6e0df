// Enterprise form: "add contact" clones the row template with the next index; the node filter hides chain nodes
// whose code or name does not contain the typed text. Without JavaScript the form still offers one spare contact row.
(function () {
  var addButton = document.querySelector('[data-add-contact]');
  var template = document.querySelector('template[data-contact-template]');
  var rows = document.querySelector('[data-contact-rows]');
  if (addButton && template && rows) {
    addButton.hidden = false;
    addButton.addEventListener('click', function () {
      var index = rows.querySelectorAll('[data-contact-row]').length;
      var html = template.innerHTML.replace(/__i__/g, String(index));
      rows.insertAdjacentHTML('beforeend', html);
      var added = rows.lastElementChild && rows.lastElementChild.querySelector('input');
      if (added) { added.focus(); }
    });
  }

  var filter = document.querySelector('[data-node-filter]');
  if (filter) {
    filter.addEventListener('input', function () {
      var text = filter.value.trim().toLowerCase();
      document.querySelectorAll('details.node-group').forEach(function (group) {
        var visible = 0;
        group.querySelectorAll('[data-node-choice]').forEach(function (choice) {
          var match = text === '' || choice.getAttribute('data-node-choice').toLowerCase().indexOf(text) >= 0;
          choice.hidden = !match;
          if (match) { visible++; }
        });
        group.hidden = visible === 0;
        if (text !== '' && visible > 0) { group.open = true; }
      });
    });
    // Enter in the filter box must not submit the form.
    filter.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); }
    });
  }
})();
