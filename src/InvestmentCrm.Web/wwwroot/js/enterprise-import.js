// Upload with progress: the file goes up through XMLHttpRequest so the bar shows the bytes sent; once sent, the
// server validates and saves (a message says so) and its answer, a whole page, replaces this one.
(function () {
  var form = document.querySelector('form[data-upload-progress]');
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var box = form.querySelector('[data-progress]');
  var bar = form.querySelector('[data-progress-bar]');
  var text = form.querySelector('[data-progress-text]');
  var button = form.querySelector('button[type=submit]');

  function show(percent, message) {
    box.hidden = false;
    bar.style.width = percent + '%';
    bar.parentElement.setAttribute('aria-valuenow', String(percent));
    text.textContent = message;
  }

  form.addEventListener('submit', function (event) {
    var input = form.querySelector('input[type=file]');
    if (!input || !input.files || input.files.length === 0) { return; } // the server explains
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action') || window.location.pathname + window.location.search);
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        var percent = Math.round(e.loaded * 100 / e.total);
        show(percent, text.getAttribute('data-uploading') + ' ' + percent + '%');
      }
    });
    xhr.upload.addEventListener('load', function () {
      show(100, text.getAttribute('data-processing'));
      bar.classList.add('progress-bar-striped', 'progress-bar-animated');
    });
    xhr.addEventListener('load', function () {
      // Where the answer came from (the record's page after a redirect): a reload then shows that page, not a re-post.
      if (xhr.responseURL) { window.history.replaceState(null, '', xhr.responseURL); }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      show(0, text.getAttribute('data-failed'));
    });
    button.disabled = true;
    show(0, text.getAttribute('data-uploading') + ' 0%');
    xhr.send(new FormData(form));
  });
})();
