/* parpack serve: the council's turn and the answer round (issue 24), on
 * the year's page of app.js (its h, t, api): a unit's score sheet with
 * the appraised points and notes to enter per criterion, the unit's
 * answers with the council's accept or keep, and the clerk's card for the
 * deadline, the round and the year's closing. */
"use strict";

/* A date and time as a Vietnamese office writes it, day first:
 * "31/12/2026 17:00" (also 31-12-2026, 31.12.2026, "17h00", "17h",
 * "17 giờ 30"; the time 17:00, the end of office hours, when none is
 * given), as ISO 8601 with the browser's offset; null when it is no such
 * day or time. The browser's own date field is not used: it shows
 * mm/dd/yyyy and AM/PM in an English browser. */
function isoVn(v) {
  var m = /^\s*(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{4})(?:\s+(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?\s*(?:phút)?)?\s*$/i.exec(v || "");
  if (!m) return null;
  var day = +m[1], mon = +m[2], yr = +m[3], hr = m[4] === undefined ? 17 : +m[4], mi = m[5] === undefined ? 0 : +m[5];
  var d = new Date(yr, mon - 1, day, hr, mi);
  if (hr > 23 || mi > 59 || d.getFullYear() !== yr || d.getMonth() !== mon - 1 || d.getDate() !== day) return null;
  var off = -d.getTimezoneOffset(), s = off < 0 ? "-" : "+";
  function p(x) { return (x < 10 ? "0" : "") + x; }
  off = Math.abs(off);
  return yr + "-" + p(mon) + "-" + p(day) + "T" + p(hr) + ":" + p(mi) + ":00" + s + p(Math.floor(off / 60)) + ":" + p(off % 60);
}

/* A field for such a date, with its hint. */
function dateField(id) {
  return h("input", {
    type: "text", id: id, size: 22, autocomplete: "off",
    placeholder: t("dd/mm/yyyy hh:mm"),
    title: t("Day/month/year and hours:minutes, for example 31/12/2026 17:00")
  });
}

/* The clerk's card: deadline, answer round, closing. */
function roundCard(year, changed) {
  var state = h("p", { id: "round-state" }), msg = h("p", { class: "msg", id: "round-msg" });
  var dl = dateField("deadline-input"), rdl = dateField("round-deadline-input");
  /* the field's date as ISO 8601, or null (and why, in msg) */
  function read(field) {
    var v = isoVn(field.value);
    if (v === null) {
      msg.textContent = t("Write the date as day/month/year and the time as hours:minutes, for example 31/12/2026 17:00.");
      field.focus();
    }
    return v;
  }
  function show() {
    api("GET", "/api/years/" + year + "/round").then(function (r) {
      var s = r.data;
      /* the deadlines as they are, in the fields, to change */
      if (s.deadline && document.activeElement !== dl) dl.value = when(s.deadline);
      if (s.round_deadline && document.activeElement !== rdl) rdl.value = when(s.round_deadline);
      state.textContent = (s.deadline ? t("Forms due %s", when(s.deadline)) : t("No deadline for the forms")) + " · " +
        (s.round === "open" ? t("Answer round open") + (s.round_deadline ? " " + t("until %s", when(s.round_deadline)) : "")
          : s.round === "closed" ? t("Year closed: the results are final") : t("No answer round yet"));
      state.setAttribute("data-round", s.round);
    });
  }
  function patch(body) {
    api("PATCH", "/api/years/" + year, body).then(function (r) {
      msg.textContent = r.status === 200 ? "" : (r.data && r.data.error) || String(r.status);
      show();
      if (changed) changed();
    });
  }
  show();
  return h("section", { class: "card", id: "round-card" }, h("h3", {}, t("Deadline and answer round")), state,
    h("p", {}, h("label", { for: "deadline-input" }, t("Forms due")), " ", dl, " ",
      h("button", { class: "secondary", id: "set-deadline", onclick: function () { var v = read(dl); if (v) patch({ deadline: v }); } }, t("Set the deadline"))),
    h("p", {}, h("label", { for: "round-deadline-input" }, t("Answers due")), " ", rdl, " ",
      h("button", { class: "secondary", id: "open-round", onclick: function () {
        var b = { round: "open" };
        if (rdl.value.trim()) {
          b.round_deadline = read(rdl);
          if (!b.round_deadline) return;
        }
        patch(b);
      } }, t("Open the answer round")), " ",
      h("button", { class: "secondary", id: "close-year", onclick: function () { patch({ round: "closed" }); } }, t("Close the year"))),
    h("p", {}, h("button", { class: "secondary", id: "send-forms", onclick: function () {
      api("POST", "/api/years/" + year + "/send-forms", {}).then(function (r) {
        if (r.status !== 202) { msg.textContent = (r.data && r.data.error) || String(r.status); return; }
        var es = new EventSource("/api/jobs/" + r.data.job + "/events");
        es.onmessage = function (ev) {
          var j = JSON.parse(ev.data);
          msg.textContent = t("Forms sent: %s", j.message || (j.done + "/" + j.total));
          if (j.state !== "running") es.close();
        };
        es.onerror = function () { es.close(); };
      });
    } }, t("Send each unit its form, with its link"))),
    msg);
}

/* A unit's score sheet, for the council, into box. */
function sheetPanel(year, id, box, changed) {
  box.textContent = t("Loading…");
  api("GET", "/api/years/" + year + "/units/" + encodeURIComponent(id) + "/sheet").then(function (r) {
    box.textContent = "";
    if (r.status !== 200) { box.appendChild(h("p", { class: "error" }, (r.data && r.data.error) || String(r.status))); return; }
    draw(r.data);
  });
  function put(c, path, body, status) {
    api("PUT", "/api/years/" + year + "/units/" + encodeURIComponent(id) + "/criteria/" + encodeURIComponent(c) + path, body).then(function (r) {
      if (r.status === 200) { box.textContent = ""; draw(r.data); if (changed) changed(); }
      else status.textContent = (r.data && r.data.error) || String(r.status);
    });
  }
  function draw(s) {
    var open = s.round.state === "open", closed = s.round.state === "closed";
    box.appendChild(h("h3", { id: "sheet-title", "data-unit": s.unit }, t("Appraisal of %s", s.name), " ", badge(s.form)));
    box.appendChild(h("div", { class: "scroll tall" }, h("table", { class: "sheet", id: "sheet" },
      h("thead", {}, h("tr", {}, h("th", {}, t("Criterion")), h("th", { class: "num" }, t("Max")), h("th", { class: "num" }, t("Self")),
        h("th", {}, t("Appraised")), h("th", {}, t("The council's note")), h("th", {}, ""), h("th", {}, t("The unit's answer")))),
      h("tbody", {}, s.criteria.map(function (c) {
        var ap = h("input", { class: "appr", size: "5", value: c.na ? "KAD" : (c.appraised || "").replace(".", ","), disabled: closed ? "disabled" : null });
        var note = h("input", { class: "note", value: c.note || "", maxlength: "1000", disabled: closed ? "disabled" : null });
        var status = h("span", { class: "error" });
        var answer = null;
        if (c.answer) {
          var newp = h("input", { class: "newappr", size: "5", value: (c.appraised || "").replace(".", ",") });
          var reply = h("input", { class: "reply", maxlength: "1000", placeholder: t("Reply") });
          answer = h("div", {}, h("p", { class: "answer" }, c.answer),
            c.decision ? h("p", { class: "decision" }, c.decision === "accept" ? t("Accepted: appraised %s (was %s)", (c.appraised || "").replace(".", ","), (c.before || "").replace(".", ","))
              : t("Kept: %s", c.reply || "")) : null,
            open ? h("div", {}, newp, " ", h("button", { class: "secondary accept", onclick: function () {
              put(c.c, "/reply", { decision: "accept", appraised: newp.value, reply: reply.value }, status);
            } }, t("Accept")), " ", reply, " ", h("button", { class: "secondary keep", onclick: function () {
              put(c.c, "/reply", { decision: "keep", reply: reply.value }, status);
            } }, t("Keep the points"))) : null);
        }
        return h("tr", { "data-c": c.c }, h("td", {}, h("b", {}, c.c), " ", c.name), h("td", { class: "num" }, c.max.replace(".", ",")),
          h("td", { class: "num" }, c.na ? "KAD" : (c.self || "").replace(".", ",")), h("td", {}, ap), h("td", {}, note),
          h("td", {}, closed ? null : h("button", { class: "secondary save", onclick: function () {
            put(c.c, "", { appraised: ap.value, note: note.value }, status);
          } }, t("Save")), status), h("td", {}, answer));
      })))));
  }
}
