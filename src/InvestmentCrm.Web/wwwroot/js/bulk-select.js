// "Select all on this page" for a list whose rows carry ticks of a form (input[form=<id>][name=code]): the header box,
// hidden without script, ticks or clears them all and follows them (checked, clear or in between).
(function () {
  document.querySelectorAll('input[data-select-all]').forEach(function (all) {
    var id = all.getAttribute('data-select-all');
    var boxes = Array.prototype.slice.call(document.querySelectorAll('input[type=checkbox][form="' + id + '"][name=code]'));
    if (boxes.length === 0) { return; }

    function follow() {
      var ticked = boxes.filter(function (b) { return b.checked; }).length;
      all.checked = ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }

    all.hidden = false;
    all.addEventListener('change', function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
      follow();
    });
    boxes.forEach(function (b) { b.addEventListener('change', follow); });
    follow();
  });
})();
