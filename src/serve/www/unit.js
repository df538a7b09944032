/* parpack serve: the unit's page (its own link, /u/TOKEN). The page works
 * without this script; with it, its file control is a button in the
 * page's words, and the chosen file's name is shown beside it (the
 * browser's own control speaks the browser's language). The words are
 * the page's: the server wrote them, translated. */
"use strict";
(function () {
  var input = document.getElementById("file"), picked = document.getElementById("picked");
  if (!input || !picked) return;
  document.documentElement.classList.add("js");
  /* the chosen file's name, or that none is chosen yet */
  function show() {
    var chosen = !!(input.files && input.files.length);
    picked.textContent = chosen ? input.files[0].name : picked.getAttribute("data-none");
    picked.classList.toggle("chosen", chosen);
    picked.classList.remove("missing");
  }
  input.addEventListener("change", show);
  show();
  /* sent without a file: said beside the button, in the page's words
   * (the browser's own bubble speaks the browser's language) */
  var form = input.form;
  if (form) {
    form.noValidate = true;
    form.addEventListener("submit", function (e) {
      if (input.files && input.files.length) return;
      e.preventDefault();
      picked.textContent = picked.getAttribute("data-missing");
      picked.classList.add("missing");
      input.focus();
    });
  }
})();
