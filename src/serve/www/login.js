/* parpack serve: the login page. Its texts come in the page's data-
 * attributes (translated by the server); no inline script (CSP). */
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("login");
  var msg = document.getElementById("msg");
  /* an empty field is said in the page's words (the browser's own bubble
   * speaks the browser's language) */
  form.noValidate = true;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    msg.textContent = "";
    if (!form.user.value || !form.password.value) {
      msg.textContent = form.dataset.empty;
      (form.user.value ? form.password : form.user).focus();
      return;
    }
    fetch("/api/session", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ user: form.user.value, password: form.password.value })
    }).then(function (r) {
      return r.json().then(function (d) { return { status: r.status, data: d }; });
    }).then(function (r) {
      if (r.status === 200) {
        location.href = "/";
      } else if (r.status === 429) {
        msg.textContent = form.dataset.slow + " (" + r.data.error + ")";
      } else {
        msg.textContent = form.dataset.wrong;
      }
    }).catch(function () { msg.textContent = form.dataset.down; });
  });
});
