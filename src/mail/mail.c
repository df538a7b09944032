/* mail.c - unit messages with GMime (see mail.h). */
#include "mail/mail.h"

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
#endif
#include <gmime/gmime.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
#include <errno.h>
#include <string.h>

#include "base/sha256.h"
#include "base/i18n.h"

static int S_inited;

/* Once per process. */
void pp_mail_init(void)
{
    if (!S_inited) {
        g_mime_init();
        S_inited = 1;
    }
}

void pp_mail_shutdown(void)
{
    if (S_inited) {
        g_mime_shutdown();
        S_inited = 0;
    }
}

/* A deterministic boundary from the message id: FNV-1a in hex. */
/* A whole file as a memory stream (one read instead of GMime's small
 * unbuffered ones), or NULL with errno set. */
static GMimeStream *S_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    GByteArray *ba;
    guint8 buf[65536];
    size_t n;
    int bad;
    if (!f)
        return NULL;
    ba = g_byte_array_new();
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        g_byte_array_append(ba, buf, (guint)n);
    bad = ferror(f);
    fclose(f);
    if (bad) {
        g_byte_array_unref(ba);
        errno = EIO;
        return NULL;
    }
    return g_mime_stream_mem_new_with_byte_array(ba);
}

static void S_boundary(const char *id, char *out, size_t cap)
{
    unsigned long long h = 1469598103934665603ULL;
    for (; id && *id; id++) {
        h ^= (unsigned char)*id;
        h *= 1099511628211ULL;
    }
    snprintf(out, cap, "=-parpack-%016llx", h);
}

/* Append s and its NUL to the key of a Message-ID. */
static void S_key_add(GByteArray *key, const char *s)
{
    s = s ? s : "";
    g_byte_array_append(key, (const guint8 *)s, (guint)strlen(s) + 1);
}

/* The message's id: m->message_id "<LOCAL@DOMAIN>" becomes
 * "LOCAL.HASH@DOMAIN" (without brackets, as GMime wants it), HASH the
 * first 20 hex digits of a SHA-256 of everything the message says, so
 * that a corrected message has a new id. 0, or -1 when it does not fit. */
static int S_message_id(const pp_mail *m, GByteArray *att, char *out,
                        size_t cap)
{
    GByteArray *key = g_byte_array_new();
    char hex[PP_SHA256_HEX], date[32], local[512];
    const char *id = m->message_id + (m->message_id[0] == '<');
    const char *at = strrchr(id, '@');
    size_t ll = at ? (size_t)(at - id) : strlen(id);
    int rc;
    snprintf(date, sizeof date, "%lld", m->date);
    S_key_add(key, m->message_id);
    S_key_add(key, m->from);
    S_key_add(key, m->from_name);
    S_key_add(key, m->to);
    S_key_add(key, m->to_name);
    S_key_add(key, m->subject);
    S_key_add(key, m->body);
    S_key_add(key, m->attachment_name);
    S_key_add(key, m->attachment_type);
    S_key_add(key, date);
    if (att)
        g_byte_array_append(key, att->data, att->len);
    rc = pp_sha256_mem(key->data, key->len, hex) == PP_OK ? 0 : -1;
    g_byte_array_unref(key);
    snprintf(local, sizeof local, "%.*s", (int)ll, id);
    if (rc == 0 &&
        snprintf(out, cap, "%s.%.20s%.*s", local, hex,
                 at ? (int)strcspn(at, ">") : 0, at ? at : "") >= (int)cap)
        rc = -1;
    return rc;
}

/* Write a message; see mail.h. */
pp_status pp_mail_write(const pp_mail *m, const char *out_path,
                        pp_diags *d)
{
    GMimeMessage *msg;
    GMimeMultipart *mp;
    GMimeTextPart *text;
    GMimeStream *out;
    GMimeFormatOptions *fo;
    GMimeStream *fs = NULL;
    GDateTime *dt;
    char boundary[64], id[600];
    pp_status rc = PP_OK;

    pp_mail_init();
    if (m->attachment_path) {
        fs = S_read_file(m->attachment_path);
        if (!fs) {
            pp_diag_error(d, m->attachment_path, 0, 0,
                          _("cannot read the attachment: %s"),
                          strerror(errno));
            return PP_E_OUTPUT;
        }
    }
    if (S_message_id(m,
                     fs ? g_mime_stream_mem_get_byte_array(
                              GMIME_STREAM_MEM(fs))
                        : NULL,
                     id, sizeof id) != 0) {
        pp_diag_error(d, out_path, 0, 0, _("cannot write the message: %s"),
                      strerror(ENAMETOOLONG));
        if (fs)
            g_object_unref(fs);
        return PP_E_OUTPUT;
    }
    msg = g_mime_message_new(TRUE);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, m->from_name,
                               m->from);
    g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name, m->to);
    g_mime_message_set_subject(msg, m->subject, "utf-8");
    dt = g_date_time_new_from_unix_utc((gint64)m->date);
    if (dt) {
        GTimeZone *tz = g_time_zone_new_offset(7 * 3600);
        GDateTime *local = g_date_time_to_timezone(dt, tz);
        g_mime_message_set_date(msg, local ? local : dt);
        if (local)
            g_date_time_unref(local);
        g_time_zone_unref(tz);
        g_date_time_unref(dt);
    }
    g_mime_message_set_message_id(msg, id);

    mp = g_mime_multipart_new_with_subtype("mixed");
    S_boundary(id, boundary, sizeof boundary);
    g_mime_multipart_set_boundary(mp, boundary);
    text = g_mime_text_part_new_with_subtype("plain");
    g_mime_text_part_set_text(text, m->body);
    g_mime_text_part_set_charset(text, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(text),
                                     GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_multipart_add(mp, GMIME_OBJECT(text));
    g_object_unref(text);

    if (fs) {
        {
            const char *type = m->attachment_type
                                   ? m->attachment_type
                                   : "application/octet-stream";
            char major[64];
            const char *slash = strchr(type, '/');
            GMimePart *att;
            GMimeDataWrapper *dw;
            snprintf(major, sizeof major, "%.*s",
                     (int)(slash ? slash - type : (long)strlen(type)), type);
            att = g_mime_part_new_with_type(major, slash ? slash + 1 : "");
            dw = g_mime_data_wrapper_new_with_stream(
                fs, GMIME_CONTENT_ENCODING_DEFAULT);
            g_mime_part_set_content(att, dw);
            g_mime_part_set_content_encoding(att,
                                             GMIME_CONTENT_ENCODING_BASE64);
            g_mime_part_set_filename(att, m->attachment_name);
            g_mime_multipart_add(mp, GMIME_OBJECT(att));
            g_object_unref(dw);
            g_object_unref(fs);
            g_object_unref(att);
        }
    }
    g_mime_message_set_mime_part(msg, GMIME_OBJECT(mp));
    g_object_unref(mp);

    /* formatted in memory, then written at once: GMime's file stream
     * makes a system call per line and fsyncs on flush (the packet is
     * synced once, as a whole, before it is moved into place) */
    if (rc == PP_OK) {
        GByteArray *bytes;
        FILE *f;
        out = g_mime_stream_mem_new();
        fo = g_mime_format_options_new();
        g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
        if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), fo, out) < 0) {
            pp_diag_error(d, out_path, 0, 0, "%s",
                          _("cannot format the message"));
            rc = PP_E_OUTPUT;
        }
        g_mime_format_options_free(fo);
        bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
        f = rc == PP_OK ? fopen(out_path, "wb") : NULL;
        if (rc == PP_OK &&
            (!f || fwrite(bytes->data, 1, bytes->len, f) != bytes->len ||
             fflush(f) != 0)) {
            pp_diag_error(d, out_path, 0, 0, _("cannot write the message: %s"),
                          strerror(errno));
            rc = PP_E_OUTPUT;
        }
        if (f && fclose(f) != 0 && rc == PP_OK) {
            pp_diag_error(d, out_path, 0, 0, _("cannot write the message: %s"),
                          strerror(errno));
            rc = PP_E_OUTPUT;
        }
        g_object_unref(out);
    }
    g_object_unref(msg);
    return rc;
}
