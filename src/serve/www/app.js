/* parpack serve: the workspace's pages, over the JSON API of docs/api.md
 * (the same the scripts use). Texts come from /assets/texts.json, the
 * server's gettext catalog; no inline script, no file from outside. */
"use strict";
var T = {}, ME = null, SOURCES = [];

function t(s) {
  var r = T[s] || s, i;
  for (i = 1; i < arguments.length; i++) r = r.replace("%s", String(arguments[i]));
  return r.replace(/%%/g, "%");
}

/* h("td", {class: "num"}, "text", child...) */
function h(tag, attrs) {
  var el = document.createElement(tag), k, i, c;
  attrs = attrs || {};
  for (k in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] === undefined || attrs[k] === null) continue;
    if (k === "class") el.className = attrs[k];
    else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), attrs[k]);
    else el.setAttribute(k, attrs[k]);
  }
  for (i = 2; i < arguments.length; i++) {
    c = arguments[i];
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) c.forEach(function (x) { if (x) el.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
    else el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return el;
}

function api(method, path, body) {
  var opt = { method: method, credentials: "same-origin", headers: {} };
  if (method !== "GET") opt.headers["X-CSRF-Token"] = ME ? ME.csrf : "";
  if (body instanceof FormData) opt.body = body;
  else if (body !== undefined) { opt.body = JSON.stringify(body); opt.headers["Content-Type"] = "application/json"; }
  return fetch(path, opt).then(function (r) {
    if (r.status === 401) { location.href = "/login"; throw new Error("401"); }
    var ct = r.headers.get("Content-Type") || "";
    return (ct.indexOf("json") >= 0 ? r.json() : r.text()).then(function (d) { return { status: r.status, data: d }; });
  });
}

/* 87.49 -> "87,49"; 1800000 -> "1.800.000" */
function vnum(n, dec) {
  if (n === null || n === undefined) return "";
  var s = Number(n).toFixed(dec === undefined ? 2 : dec), parts = s.split(".");
  parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return parts.join(",");
}

function when(iso) {
  if (!iso) return "";
  var d = new Date(iso);
  function p(x) { return (x < 10 ? "0" : "") + x; }
  return p(d.getDate()) + "/" + p(d.getMonth() + 1) + "/" + d.getFullYear() + " " + p(d.getHours()) + ":" + p(d.getMinutes());
}

function badge(state, said) {
  var words = { missing: t("no form"), invalid: t("form refused"), submitted: t("self-assessed only"),
                ok: t("complete"), sent: t("sent"), refused: t("refused"), pending: t("not yet"),
                running: t("running"), done: t("done"), failed: t("failed") };
  return h("span", { class: "badge b-" + state, "data-state": state }, said || words[state] || state);
}

function closeSources() { SOURCES.forEach(function (s) { s.close(); }); SOURCES = []; }

/* A drop zone: files dropped or chosen go to fn(FileList). The file
 * control is a button in the page's words (the browser draws its own in
 * the browser's language: "Choose File", "No file chosen"); the input
 * stays inside it, out of sight, for the keyboard. */
function dropZone(label, multiple, accept, fn) {
  var input = h("input", { type: "file", accept: accept });
  if (multiple) input.multiple = true;
  var z = h("div", { class: "drop" }, h("div", {}, label),
    h("label", { class: "button secondary filepick" }, input,
      h("span", {}, multiple ? t("Choose the files…") : t("Choose the file…"))));
  input.addEventListener("change", function () { if (input.files.length) fn(input.files); input.value = ""; });
  z.addEventListener("dragover", function (e) { e.preventDefault(); z.classList.add("over"); });
  z.addEventListener("dragleave", function () { z.classList.remove("over"); });
  z.addEventListener("drop", function (e) { e.preventDefault(); z.classList.remove("over"); if (e.dataTransfer.files.length) fn(e.dataTransfer.files); });
  return z;
}

/* ---------------------------------------------------------------------
 * A form's errors in a table shaped like the form: its columns by letter,
 * its rows by number, each wrong cell marked with what is wrong.
 */
function colNum(letters) {
  var n = 0, i;
  for (i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}
function colName(n) {
  var s = "";
  while (n > 0) { var m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
  return s;
}
/* A unit's link as the clerk passes it on: absolute. */
function absLink(l) { return /^https?:/.test(l) ? l : location.origin + l; }

function formGrid(errors, context) {
  var box = h("div", { class: "grids" }), sheets = {}, order = [], general = [];
  errors.forEach(function (e) {
    var m = /^\$?([A-Z]+)\$?(\d+)$/.exec(e.cell || "");
    if (!m) { general.push(e); return; }
    if (!sheets[e.sheet]) { sheets[e.sheet] = []; order.push(e.sheet); }
    sheets[e.sheet].push({ col: colNum(m[1]), row: Number(m[2]), e: e });
  });
  general.forEach(function (e) {
    box.appendChild(h("p", { class: "error" }, (e.sheet ? e.sheet + ": " : "") + e.message));
  });
  order.forEach(function (name) {
    var cells = sheets[name], maxc = 6, rows = [], byKey = {}, ctx = (context || {})[name] || {};
    cells.forEach(function (c) {
      if (c.col > maxc) maxc = c.col;
      if (rows.indexOf(c.row) < 0) rows.push(c.row);
      var k = c.row + ":" + c.col;
      byKey[k] = byKey[k] ? byKey[k] + "; " + c.e.message : c.e.message;
    });
    rows.sort(function (a, b) { return a - b; });
    var head = h("tr", {}, h("th", {}, ""));
    var c, i, r, prev = null, body = [];
    for (c = 1; c <= maxc; c++) head.appendChild(h("th", {}, colName(c)));
    for (i = 0; i < rows.length; i++) {
      r = rows[i];
      if (prev !== null && r > prev + 1) {
        body.push(h("tr", {}, h("th", {}, "…"), h("td", { class: "gap", colspan: maxc }, "…")));
      }
      var tr = h("tr", {}, h("th", {}, String(r)));
      for (c = 1; c <= maxc; c++) {
        var msg = byKey[r + ":" + c], text = (ctx[String(r)] || [])[c - 1] || "";
        tr.appendChild(msg ? h("td", { class: "bad", "data-cell": colName(c) + r, title: msg },
                               text ? h("div", { class: "was" }, text) : null, h("div", {}, msg))
                           : h("td", {}, text));
      }
      body.push(tr);
      prev = r;
    }
    box.appendChild(h("div", { class: "sheetname" }, t("Sheet") + " “" + name + "”"));
    box.appendChild(h("div", { class: "scroll" }, h("table", { class: "formgrid" }, h("thead", {}, head), h("tbody", {}, body))));
    box.appendChild(h("table", { class: "errlist" },
      h("thead", {}, h("tr", {}, h("th", {}, t("Sheet")), h("th", {}, t("Cell")), h("th", {}, t("What is wrong")))),
      h("tbody", {}, cells.map(function (x) { return h("tr", {}, h("td", {}, name), h("td", {}, colName(x.col) + x.row), h("td", {}, x.e.message)); }))));
  });
  return box;
}

/* ---------------------------------------------------------------------
 * The years.
 */
function yearsView(root) {
  var list = h("div", {}, t("Loading…")), msg = h("div", { class: "msg" });
  root.appendChild(h("h2", {}, t("Years")));
  root.appendChild(h("section", { class: "card" }, list));
  root.appendChild(h("section", { class: "card", id: "new-year" },
    h("h3", {}, t("A new year")),
    h("p", {}, t("Drop the year's blank appraisal (the XML file without scores), or a full one.")),
    dropZone(t("Drop the appraisal file here, or choose it:"), false, ".xml", function (files) {
      var fd = new FormData();
      fd.append("appraisal", files[0], files[0].name);
      msg.textContent = t("Checking…");
      api("POST", "/api/years", fd).then(function (r) {
        msg.textContent = "";
        if (r.status === 201) { location.hash = "#/year/" + r.data.year; return; }
        if (r.status === 422) {
          msg.appendChild(h("p", { class: "error" }, t("The appraisal has errors; nothing was kept:")));
          msg.appendChild(h("table", { class: "appraisal-errors" },
            h("thead", {}, h("tr", {}, h("th", {}, t("File")), h("th", { class: "num" }, t("Line")), h("th", { class: "num" }, t("Column")), h("th", {}, t("What is wrong")))),
            h("tbody", {}, r.data.errors.map(function (e) {
              return h("tr", {}, h("td", {}, e.file), h("td", { class: "num" }, e.line), h("td", { class: "num" }, e.col), h("td", {}, e.message));
            }))));
          return;
        }
        msg.appendChild(h("p", { class: "error" }, r.data.error || String(r.status)));
      });
    }), msg));
  api("GET", "/api/years").then(function (r) {
    list.textContent = "";
    if (!r.data.length) { list.appendChild(h("p", {}, t("The workspace has no year yet."))); return; }
    list.appendChild(h("table", { id: "years" },
      h("thead", {}, h("tr", {}, h("th", {}, t("Year")), h("th", {}, t("Issuer")), h("th", { class: "num" }, t("Units")), h("th", { class: "num" }, t("Forms in")), h("th", {}, t("Made")))),
      h("tbody", {}, r.data.map(function (y) {
        return h("tr", {}, h("td", {}, h("a", { href: "#/year/" + y.year }, String(y.year))), h("td", {}, y.issuer),
                 h("td", { class: "num" }, y.units), h("td", { class: "num" }, y.forms + "/" + y.units),
                 h("td", {}, when(y.created_at) + " · " + (y.created_by || "")));
      }))));
  });
}

/* ---------------------------------------------------------------------
 * One year.
 */
function yearView(root, year) {
  var unitsBox = h("div", {}, t("Loading…")), dropMsg = h("div", { class: "msg", id: "drop-results" });
  var rankBox = h("div", { id: "ranking" }), filesBox = h("div", { id: "files" }), preview = h("div", { id: "preview" });
  var bar = h("div", {}), buildMsg = h("div", { class: "msg", id: "build-msg" });
  var sendBox = h("div", { id: "send-units" }), sendMsg = h("div", { class: "msg", id: "send-msg" });
  var buildBtn = h("button", { id: "build", onclick: function () { startJob("build"); } }, t("Build the packet"));
  var sendBtn = h("button", { id: "send", onclick: function () { startJob("send"); } }, t("Send each unit its results"));

  root.appendChild(h("h2", {}, h("a", { href: "#/" }, t("Years")), " › " + t("Year %s", year)));
  root.appendChild(h("div", { class: "row" },
    h("section", { class: "card" },
      h("h3", {}, t("Scoring forms")),
      h("p", {}, h("a", { class: "button secondary", id: "forms-zip", href: "/api/years/" + year + "/forms.zip" }, t("Download every unit's form (zip)"))),
      dropZone(t("Drop the filled forms here (many at once), or choose them:"), true, ".xlsx", dropForms),
      dropMsg),
    h("section", { class: "card" }, h("h3", {}, t("Units")), unitsBox)));
  var sheetBox = h("section", { class: "card hidden", id: "sheet-card" });
  root.appendChild(sheetBox);
  if (ME.role === "clerk") root.appendChild(roundCard(year, function () { loadUnits(); }));
  root.appendChild(h("section", { class: "card" }, h("h3", {}, t("Ranking")), rankBox));
  root.appendChild(h("section", { class: "card" }, h("h3", {}, t("The packet")), buildBtn,
    h("div", { class: "progress", id: "build-progress" }, bar), buildMsg, filesBox, preview));
  var sendCard = h("section", { class: "card" }, h("h3", {}, t("Sending")),
    h("p", {}, t("Each unit gets its message with its score sheet; a message already accepted is never sent again.")),
    sendBtn, sendMsg, sendBox);
  if (ME.role === "clerk") root.appendChild(sendCard);

  var names = {};
  function loadUnits() {
    return api("GET", "/api/years/" + year + "/units").then(function (r) {
      var counts = { missing: 0, invalid: 0, submitted: 0, ok: 0 };
      unitsBox.textContent = "";
      r.data.forEach(function (u) { counts[u.form]++; names[u.id] = u.name; });
      unitsBox.appendChild(h("div", { class: "totals", id: "totals" },
        ["ok", "submitted", "invalid", "missing"].map(function (k) {
          return h("span", {}, badge(k), " ", h("b", { "data-count": k }, String(counts[k])));
        })));
      unitsBox.appendChild(h("div", { class: "scroll" }, h("table", { id: "units" },
        h("thead", {}, h("tr", {}, h("th", {}, t("Unit")), h("th", {}, t("Block")), h("th", {}, t("Form")), h("th", {}, t("Received")), h("th", {}, ""), h("th", {}, t("The unit's link")))),
        h("tbody", {}, r.data.map(function (u) {
          var errs = null;
          if (u.errors && u.errors.length) {
            errs = h("button", { class: "link", onclick: function () {
              dropMsg.textContent = "";
              dropMsg.appendChild(h("p", {}, t("Errors of the last form refused for %s:", u.name)));
              dropMsg.appendChild(formGrid(u.errors, u.rows));
            } }, t("%s errors", u.errors.length));
          }
          var hist = h("button", { class: "link", title: t("Every form received"), onclick: function () { showHistory(u); } }, u.name);
          return h("tr", { "data-unit": u.id }, h("td", {}, hist), h("td", {}, u.block), h("td", {}, badge(u.form), " ", errs),
                   h("td", {}, u.received_at ? when(u.received_at) + " · " + u.received_by : ""),
                   h("td", {}, h("a", { href: "/api/years/" + year + "/units/" + encodeURIComponent(u.id) + "/form.xlsx" }, t("form")), " ",
                     u.form === "submitted" || u.form === "ok" ? h("button", { class: "link appraise", onclick: function () {
                       sheetBox.classList.remove("hidden");
                       sheetPanel(year, u.id, sheetBox, function () { loadUnits(); loadRanking(); });
                       sheetBox.scrollIntoView();
                     } }, t("appraise")) : null),
                   h("td", { class: "unitlink" }, u.link ? h("input", { readonly: "readonly", class: "linktext", value: absLink(u.link),
                       onfocus: function (e) { e.target.select(); } }) : "",
                     " ", h("button", { class: "link newlink", title: t("Make a new link: the old one stops working at once"), onclick: function () {
                       api("POST", "/api/years/" + year + "/units/" + encodeURIComponent(u.id) + "/link", {}).then(function () { loadUnits(); });
                     } }, t("new link"))));
        })))));
    });
  }

  var labels = { ratings: {}, flags: {} };
  function showHistory(u) {
    api("GET", "/api/years/" + year + "/units/" + encodeURIComponent(u.id) + "/forms").then(function (r) {
      dropMsg.textContent = "";
      dropMsg.appendChild(h("h3", {}, t("Every form received from %s", u.name)));
      if (!r.data.length) { dropMsg.appendChild(h("p", {}, t("No form yet."))); return; }
      dropMsg.appendChild(h("table", { id: "history" },
        h("thead", {}, h("tr", {}, h("th", {}, t("Received")), h("th", {}, t("File")), h("th", {}, t("Result")))),
        h("tbody", {}, r.data.map(function (f) {
          return h("tr", {}, h("td", {}, when(f.received_at) + " · " + f.received_by),
            h("td", {}, h("a", { href: "/api/years/" + year + "/forms/" + f.form }, f.file)), h("td", {}, badge(f.status)));
        }))));
    });
  }

  function loadRanking() {
    return api("GET", "/api/years/" + year + "/labels").then(function (l) {
      if (l.status === 200) labels = l.data;
      return api("GET", "/api/years/" + year + "/results");
    }).then(function (r) {
      rankBox.textContent = "";
      if (r.status !== 200) { rankBox.appendChild(h("p", {}, t("The ranking comes when every unit's form is in."))); return; }
      r.data.blocks.forEach(function (b) {
        if (b.name) rankBox.appendChild(h("h3", {}, b.name));
        rankBox.appendChild(h("p", {}, t("%s units; mean %s%%, highest %s%%, lowest %s%%", b.count, vnum(b.mean), vnum(b.highest), vnum(b.lowest)) + " · " +
          b.tiers.map(function (x) { return x.label + ": " + x.count; }).join(" · ")));
        rankBox.appendChild(h("div", { class: "scroll" }, h("table", { class: "ranking" },
          h("thead", {}, h("tr", {}, h("th", { class: "num" }, t("Rank")), h("th", {}, t("Unit")), h("th", { class: "num" }, t("Index")),
            h("th", {}, t("Tier")), h("th", {}, t("Rating")), h("th", { class: "num" }, t("Last year")), h("th", {}, t("Flags")))),
          h("tbody", {}, b.units.map(function (u) {
            return h("tr", {}, h("td", { class: "num" }, u.rank), h("td", {}, u.name), h("td", { class: "num" }, vnum(u.index) + "%"),
              h("td", {}, u.tier), h("td", { "data-rating": u.rating }, (labels.ratings[u.rating] || u.rating) + (u.demoted ? " ↓" : "")),
              h("td", { class: "num" }, u.previous_rank === null || u.previous_rank === undefined ? "" : String(u.previous_rank)),
              h("td", {}, (u.flags || []).map(function (f) { return labels.flags[f] || f; }).join("; ")));
          })))));
      });
    });
  }

  /* a packet file's kind in the clerk's words */
  function kindName(k) {
    switch (k) {
      case "results": return t("results (XML)");
      case "report": return t("report (PDF)");
      case "report-docx": return t("report (Word)");
      case "decision": return t("approval decision (PDF)");
      case "decision-docx": return t("approval decision (Word)");
      case "award-decision": return t("commendation decision (PDF)");
      case "award-decision-docx": return t("commendation decision (Word)");
      case "workbook": return t("consolidated workbook (Excel)");
      case "unit-workbook": return t("unit's score sheet (Excel)");
      case "unit-mail": return t("message to the unit");
      case "unit-form": return t("scoring form (Excel)");
      case "unit-form-mail": return t("form's message to the unit");
      default: return k;
    }
  }

  function loadFiles() {
    return api("GET", "/api/years/" + year + "/files").then(function (r) {
      filesBox.textContent = "";
      if (r.status !== 200) { filesBox.appendChild(h("p", {}, t("The packet is not built yet."))); return; }
      filesBox.appendChild(h("p", {}, h("a", { class: "button secondary", id: "packet-zip", href: "/api/years/" + year + "/packet.zip" }, t("Download the whole packet (zip)"))));
      var main = r.data.filter(function (f) { return !f.unit; }), units = r.data.filter(function (f) { return f.unit; });
      filesBox.appendChild(h("table", { class: "files" },
        h("thead", {}, h("tr", {}, h("th", {}, t("Kind")), h("th", {}, t("File")), h("th", { class: "num" }, t("Size")), h("th", {}, ""))),
        h("tbody", {}, main.map(function (f) {
          var url = "/api/years/" + year + "/files/" + f.path.split("/").map(encodeURIComponent).join("/");
          var pdf = /\.pdf$/.test(f.path);
          return h("tr", {}, h("td", {}, kindName(f.kind)), h("td", {}, h("a", { href: url }, f.path)), h("td", { class: "num" }, vnum(f.bytes / 1024, 0) + " KB"),
            h("td", {}, pdf ? h("button", { class: "secondary preview-btn", onclick: function () {
              preview.textContent = "";
              preview.appendChild(h("iframe", { class: "preview", src: url, title: f.path }));
            } }, t("Preview")) : ""));
        }))));
      filesBox.appendChild(h("details", { id: "unit-files" }, h("summary", {}, t("%s files of the units (score sheets and messages), in the zip.", units.length)),
        h("div", { class: "scroll" }, h("table", { class: "files" }, h("tbody", {}, units.map(function (f) {
          var url = "/api/years/" + year + "/files/" + f.path.split("/").map(encodeURIComponent).join("/");
          return h("tr", {}, h("td", {}, names[f.unit] || f.unit), h("td", {}, h("a", { href: url }, f.path.split("/").pop())),
            h("td", { class: "num" }, vnum(f.bytes / 1024, 0) + " KB"));
        }))))));
    });
  }

  function showJob(j) {
    var pct = j.total ? Math.round(100 * j.done / j.total) : 0;
    if (j.kind === "build") {
      bar.style.width = pct + "%";
      buildMsg.textContent = "";
      buildMsg.appendChild(badge(j.state));
      buildMsg.appendChild(document.createTextNode(" " + t("%s of %s files", j.done, j.total) + (j.message ? " · " + j.message : "")));
      buildBtn.disabled = j.state === "running";
    } else {
      sendBtn.disabled = j.state === "running";
      sendMsg.textContent = "";
      /* a send that ended with some messages gone and some refused did
       * not fail: it is not finished, and the table says what is left */
      var some = j.units.some(function (u) { return u.state === "sent"; });
      sendMsg.appendChild(badge(j.state, j.state === "failed" && some ? t("not all sent") : ""));
      sendMsg.appendChild(document.createTextNode(" " + t("%s of %s units", j.done, j.total) + (j.message ? " · " + j.message : "")));
      sendBox.textContent = "";
      sendBox.appendChild(h("div", { class: "scroll" }, h("table", { id: "send-table" },
        h("thead", {}, h("tr", {}, h("th", {}, t("Unit")), h("th", {}, t("State")), h("th", {}, t("Why it was not sent")))),
        /* the refused first (the clerk's to do), then in their order */
        h("tbody", {}, j.units.slice().sort(function (a, b) {
          return (a.state === "refused" ? 0 : 1) - (b.state === "refused" ? 0 : 1);
        }).map(function (u) {
          return h("tr", { "data-unit": u.unit }, h("td", {}, names[u.unit] || u.unit), h("td", {}, badge(u.state)), h("td", {}, u.message));
        })))));
    }
  }

  function follow(id) {
    var es = new EventSource("/api/jobs/" + id + "/events");
    SOURCES.push(es);
    es.onmessage = function (ev) {
      var j = JSON.parse(ev.data);
      showJob(j);
      if (j.state !== "running") {
        es.close();
        if (j.kind === "build") loadFiles();
      }
    };
    es.onerror = function () { es.close(); };
  }

  function startJob(kind) {
    var out = kind === "build" ? buildMsg : sendMsg;
    api("POST", "/api/years/" + year + "/" + kind, {}).then(function (r) {
      if (r.status === 202) follow(r.data.job);
      else { out.textContent = ""; out.appendChild(h("p", { class: "error" }, r.data.error || String(r.status))); }
    });
  }

  function dropForms(files) {
    var fd = new FormData(), i;
    for (i = 0; i < files.length; i++) fd.append("form", files[i], files[i].name);
    dropMsg.textContent = t("Checking %s forms…", files.length);
    api("POST", "/api/years/" + year + "/forms", fd).then(function (r) {
      dropMsg.textContent = "";
      if (r.status !== 200) { dropMsg.appendChild(h("p", { class: "error" }, r.data.error || String(r.status))); return; }
      var res = r.data.results;
      res.forEach(function (x) {
        if (x.status !== "invalid") return;
        dropMsg.appendChild(h("h3", { class: "error" }, t("Errors of %s", x.file)));
        dropMsg.appendChild(formGrid(x.errors, x.rows));
      });
      dropMsg.appendChild(h("div", { class: "scroll" }, h("table", { id: "form-results" },
        h("thead", {}, h("tr", {}, h("th", {}, t("File")), h("th", {}, t("Unit")), h("th", {}, t("Result")))),
        h("tbody", {}, res.map(function (x) {
          return h("tr", { "data-file": x.file }, h("td", {}, x.file), h("td", {}, names[x.unit] || x.unit || "?"), h("td", {}, badge(x.status)));
        })))));
      loadUnits();
      loadRanking();
    });
  }

  loadUnits();
  loadRanking();
  loadFiles();
}

/* ---------------------------------------------------------------------
 * Start.
 */
function route() {
  var root = document.getElementById("app"), m = /^#\/year\/(\d{1,4})$/.exec(location.hash);
  closeSources();
  root.textContent = "";
  if (m) yearView(root, Number(m[1]));
  else yearsView(root);
}

document.addEventListener("DOMContentLoaded", function () {
  Promise.all([
    fetch("/assets/texts.json", { credentials: "same-origin" }).then(function (r) { return r.json(); }),
    api("GET", "/api/session")
  ]).then(function (x) {
    T = x[0];
    ME = x[1].data;
    document.getElementById("who").textContent = ME.user + " (" + (ME.role === "clerk" ? t("clerk") : t("council")) + ")";
    document.getElementById("logout").addEventListener("click", function () {
      api("DELETE", "/api/session").then(function () { location.href = "/login"; });
    });
    window.addEventListener("hashchange", route);
    route();
  });
});
