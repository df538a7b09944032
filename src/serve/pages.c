/* pages.c - the pages and their assets (internal.h): the login page, the
 * workspace's page (one page over the JSON API, src/serve/www/app.js),
 * the style sheet; all compiled into the program (build/gen/serve_www.c),
 * nothing from the internet. Every text is a msgid: the HTML is written
 * here through gettext, and the script's texts come translated from
 * /assets/texts.json. No page or asset but the login page's and the
 * unit's page's (unit.js; the page itself is links.c's) without a
 * session. */
#include "serve/internal.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The files of src/serve/www, compiled in. */
extern const unsigned char ws_www_council_js[], ws_www_unit_js[];
extern const unsigned long ws_www_council_js_len, ws_www_unit_js_len;
extern const unsigned char ws_www_app_js[], ws_www_login_js[],
    ws_www_style_css[];
extern const unsigned long ws_www_app_js_len, ws_www_login_js_len,
    ws_www_style_css_len;

/* The compiled-in files served as they are; open: without a session (the
 * login page's). */
static const struct {
    const char *path, *type;
    const unsigned char *data;
    const unsigned long *len;
    int open;
} S_assets[] = {
    {"/assets/style.css", "text/css; charset=utf-8", ws_www_style_css,
     &ws_www_style_css_len, 1},
    {"/assets/login.js", "text/javascript; charset=utf-8", ws_www_login_js,
     &ws_www_login_js_len, 1},
    /* the unit's page (its own link, no session) */
    {"/assets/unit.js", "text/javascript; charset=utf-8", ws_www_unit_js,
     &ws_www_unit_js_len, 1},
    {"/assets/app.js", "text/javascript; charset=utf-8", ws_www_app_js,
     &ws_www_app_js_len, 0},
    {"/assets/council.js", "text/javascript; charset=utf-8",
     ws_www_council_js, &ws_www_council_js_len, 0},
};

/* The texts of app.js (its t("...") calls), for /assets/texts.json. */
static const char *const S_texts[] = {
    N_("results (XML)"),
    N_("report (PDF)"),
    N_("report (Word)"),
    N_("approval decision (PDF)"),
    N_("approval decision (Word)"),
    N_("commendation decision (PDF)"),
    N_("commendation decision (Word)"),
    N_("consolidated workbook (Excel)"),
    N_("unit's score sheet (Excel)"),
    N_("message to the unit"),
    N_("scoring form (Excel)"),
    N_("form's message to the unit"),
    N_("no form"),
    N_("form refused"),
    N_("self-assessed only"),
    N_("complete"),
    N_("sent"),
    N_("refused"),
    N_("not yet"),
    N_("running"),
    N_("done"),
    N_("failed"),
    N_("not all sent"),
    N_("Sheet"),
    N_("Cell"),
    N_("What is wrong"),
    N_("Loading…"),
    N_("Years"),
    N_("A new year"),
    N_("Drop the year's blank appraisal (the XML file without scores), or a full one."),
    N_("Drop the appraisal file here, or choose it:"),
    N_("Checking…"),
    N_("The appraisal has errors; nothing was kept:"),
    N_("File"),
    N_("Line"),
    N_("Column"),
    N_("The workspace has no year yet."),
    N_("Year"),
    N_("Issuer"),
    N_("Units"),
    N_("Forms in"),
    N_("Made"),
    N_("Build the packet"),
    N_("Send each unit its results"),
    N_("Year %s"),
    N_("Scoring forms"),
    N_("Download every unit's form (zip)"),
    N_("Drop the filled forms here (many at once), or choose them:"),
    N_("Ranking"),
    N_("The packet"),
    N_("Sending"),
    N_("Each unit gets its message with its score sheet; a message already accepted is never sent again."),
    N_("Unit"),
    N_("Block"),
    N_("Form"),
    N_("Received"),
    N_("Errors of the last form refused for %s:"),
    N_("%s errors"),
    N_("form"),
    N_("The ranking comes when every unit's form is in."),
    N_("%s units; mean %s%%, highest %s%%, lowest %s%%"),
    N_("Rank"),
    N_("Index"),
    N_("Tier"),
    N_("Rating"),
    N_("Last year"),
    N_("Flags"),
    N_("The packet is not built yet."),
    N_("Download the whole packet (zip)"),
    N_("Kind"),
    N_("Size"),
    N_("Preview"),
    N_("%s files of the units (score sheets and messages), in the zip."),
    N_("%s of %s files"),
    N_("%s of %s units"),
    N_("State"),
    N_("Why it was not sent"),
    N_("Checking %s forms…"),
    N_("Result"),
    N_("Errors of %s"),
    N_("The unit's link"),
    N_("appraise"),
    N_("Forms due %s"),
    N_("No deadline for the forms"),
    N_("Answer round open"),
    N_("until %s"),
    N_("Year closed: the results are final"),
    N_("No answer round yet"),
    N_("Deadline and answer round"),
    N_("Forms due"),
    N_("Set the deadline"),
    N_("Answers due"),
    N_("Open the answer round"),
    N_("Close the year"),
    N_("Appraisal of %s"),
    N_("Criterion"),
    N_("Max"),
    N_("Self"),
    N_("Appraised"),
    N_("The council's note"),
    N_("The unit's answer"),
    N_("Reply"),
    N_("Accepted: appraised %s (was %s)"),
    N_("Kept: %s"),
    N_("Accept"),
    N_("Keep the points"),
    N_("Save"),
    N_("Send each unit its form, with its link"),
    N_("Forms sent: %s"),
    N_("Make a new link: the old one stops working at once"),
    N_("new link"),
    N_("clerk"),
    N_("council"),
    N_("Every form received"),
    N_("Every form received from %s"),
    N_("No form yet."),
    N_("Choose the file…"),
    N_("Choose the files…"),
    N_("dd/mm/yyyy hh:mm"),
    N_("Day/month/year and hours:minutes, for example 31/12/2026 17:00"),
    N_("Write the date as day/month/year and the time as hours:minutes, "
       "for example 31/12/2026 17:00.")};

/* Markup and words in turn: the 1st, 3rd, ... strings as they are, the
 * 2nd, 4th, ... escaped; up to a NULL. */
static void S_mix(ws_buf *b, const char *markup, ...)
    __attribute__((sentinel));
static void S_mix(ws_buf *b, const char *markup, ...)
{
    va_list ap;
    const char *s;
    int words = 1;
    ws_buf_puts(b, markup);
    va_start(ap, markup);
    while ((s = va_arg(ap, const char *)) != NULL) {
        if (words)
            ws_buf_html(b, s);
        else
            ws_buf_puts(b, s);
        words = !words;
    }
    va_end(ap);
}

/* The top of a page, up to <main>. */
static void S_head(ws_buf *b, const char *title, const char *script)
{
    /* TRANSLATORS: the language of the pages, as an HTML lang code */
    const char *lang = _("en");
    ws_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
    ws_buf_html(b, lang);
    ws_buf_puts(b, "\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, "
                   "initial-scale=1\"><title>");
    ws_buf_html(b, title);
    ws_buf_puts(b, "</title><link rel=\"stylesheet\" href=\"/assets/style.css\">"
                   "<script src=\"");
    ws_buf_puts(b, script);
    ws_buf_puts(b, "\" defer></script></head>\n<body><header><h1>");
    ws_buf_html(b, _("Administrative reform index: the year's workspace"));
    ws_buf_puts(b, "</h1>");
}

static void S_page(ws_resp *r, ws_buf *b)
{
    if (b->oom) {
        ws_buf_free(b);
        ws_resp_error(r, 500, _("out of memory"));
        return;
    }
    ws_resp_bytes(r, 200, "text/html; charset=utf-8", b->s, b->len);
    r->no_store = 1;
}

/* GET /login */
static void S_login(ws_resp *r)
{
    ws_buf b = {0};
    S_head(&b, _("Log in"), "/assets/login.js");
    S_mix(&b, "</header><main><section class=\"card login\"><h2>", _("Log in"),
          "</h2><form id=\"login\" data-wrong=\"",
          _("Wrong user or password."), "\" data-empty=\"",
          _("Write your user name and your password."), "\" data-slow=\"",
          _("Too many wrong passwords: wait a little."), "\" data-down=\"",
          _("The server cannot be reached."),
          "\"><label for=\"user\">", _("User"),
          "</label><input id=\"user\" name=\"user\" "
          "autocomplete=\"username\" required><label for=\"password\">",
          _("Password"),
          "</label><input id=\"password\" name=\"password\" "
          "type=\"password\" autocomplete=\"current-password\" "
          "required><button type=\"submit\" id=\"submit\">",
          _("Log in"),
          "</button><p id=\"msg\" class=\"error\" role=\"alert\">"
          "</p></form></section></main></body></html>\n",
          (const char *)NULL);
    S_page(r, &b);
}

/* GET / */
static void S_app(ws_resp *r)
{
    ws_buf b = {0};
    S_head(&b, _("The year's workspace"), "/assets/app.js");
    S_mix(&b, "<nav><a href=\"#/\">", _("Years"),
          "</a></nav><span class=\"who\" id=\"who\"></span>"
          "<button class=\"link\" id=\"logout\">",
          _("Log out"),
          "</button></header><main id=\"app\"></main>"
          "<script src=\"/assets/council.js\" defer></script>"
          "</body></html>\n",
          (const char *)NULL);
    S_page(r, &b);
}

/* GET /assets/texts.json: each msgid of app.js with its translation. */
static void S_texts_json(ws_resp *r)
{
    ws_buf b = {0};
    size_t i;
    ws_buf_puts(&b, "{");
    for (i = 0; i < sizeof S_texts / sizeof *S_texts; i++) {
        if (i)
            ws_buf_puts(&b, ",\n");
        ws_buf_json(&b, S_texts[i]);
        ws_buf_puts(&b, ": ");
        ws_buf_json(&b, _(S_texts[i]));
    }
    ws_buf_puts(&b, "}");
    ws_resp_json(r, 200, &b);
}

/* The compiled-in file at path, when one is and a session has it (se) or
 * it is open: 1 when answered, else 0. */
static int S_asset(ws_resp *r, const char *path, const ws_session *se)
{
    size_t i;
    char *copy;
    unsigned long len;
    for (i = 0; i < sizeof S_assets / sizeof *S_assets; i++)
        if (strcmp(path, S_assets[i].path) == 0 && (se || S_assets[i].open))
            break;
    if (i == sizeof S_assets / sizeof *S_assets)
        return 0;
    len = *S_assets[i].len;
    if (!(copy = malloc(len ? len : 1))) {
        ws_resp_error(r, 500, _("out of memory"));
        return 1;
    }
    memcpy(copy, S_assets[i].data, len);
    ws_resp_bytes(r, 200, S_assets[i].type, copy, len);
    r->keep = 1;
    return 1;
}

/* See internal.h. */
int ws_pages(ws_server *s, const ws_req *q, ws_resp *r, const ws_session *se)
{
    const char *p = q->path;
    (void)s;
    if (strcmp(q->method, "GET") != 0 && strcmp(q->method, "HEAD") != 0)
        return 0;
    if (strcmp(p, "/login") == 0) {
        S_login(r);
        return 1;
    }
    if (S_asset(r, p, se))
        return 1;
    if (!se) { /* everything else needs a session: to the login page */
        r->status = 303;
        r->type = "text/plain; charset=utf-8";
        snprintf(r->location, sizeof r->location, "/login");
        return 1;
    }
    if (strcmp(p, "/") == 0) {
        S_app(r);
        return 1;
    }
    if (strcmp(p, "/assets/texts.json") == 0) {
        S_texts_json(r);
        return 1;
    }
    return 0;
}
