// Enterprise form: "add contact" clones the row template with the next index. Without JavaScript the form still
// offers one spare contact row. The chain nodes are a picker (picker.js).
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

})();
