/* mail.c - unit messages with GMime (see mail.h). */
#include "parpack/mail.h"

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

/* Write a message; see mail.h. */
pp_status pp_mail_write(const pp_mail *m, const char *out_path,
                        pp_diags *d)
{
    GMimeMessage *msg;
    GMimeMultipart *mp;
    GMimeTextPart *text;
    GMimeStream *out;
    GMimeFormatOptions *fo;
    GDateTime *dt;
    char boundary[64], id[512];
    size_t idl;
    pp_status rc = PP_OK;

    pp_mail_init();
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
    /* GMime wants the id without its angle brackets */
    snprintf(id, sizeof id, "%s", m->message_id + (m->message_id[0] == '<'));
    idl = strlen(id);
    if (idl && id[idl - 1] == '>')
        id[idl - 1] = 0;
    g_mime_message_set_message_id(msg, id);

    mp = g_mime_multipart_new_with_subtype("mixed");
    S_boundary(m->message_id, boundary, sizeof boundary);
    g_mime_multipart_set_boundary(mp, boundary);
    text = g_mime_text_part_new_with_subtype("plain");
    g_mime_text_part_set_text(text, m->body);
    g_mime_text_part_set_charset(text, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(text),
                                     GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    g_mime_multipart_add(mp, GMIME_OBJECT(text));
    g_object_unref(text);

    if (m->attachment_path) {
        GMimeStream *fs = S_read_file(m->attachment_path);
        if (!fs) {
            pp_diag_error(d, m->attachment_path, 0, 0,
                          "cannot read the attachment: %s", strerror(errno));
            rc = PP_E_OUTPUT;
        } else {
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
            pp_diag_error(d, out_path, 0, 0, "cannot format the message");
            rc = PP_E_OUTPUT;
        }
        g_mime_format_options_free(fo);
        bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
        f = rc == PP_OK ? fopen(out_path, "wb") : NULL;
        if (rc == PP_OK &&
            (!f || fwrite(bytes->data, 1, bytes->len, f) != bytes->len ||
             fflush(f) != 0)) {
            pp_diag_error(d, out_path, 0, 0, "cannot write the message: %s",
                          strerror(errno));
            rc = PP_E_OUTPUT;
        }
        if (f && fclose(f) != 0 && rc == PP_OK) {
            pp_diag_error(d, out_path, 0, 0, "cannot write the message: %s",
                          strerror(errno));
            rc = PP_E_OUTPUT;
        }
        g_object_unref(out);
    }
    g_object_unref(msg);
    return rc;
}
