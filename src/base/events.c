/* events.c - lines for the program that runs parpack (events.h). */
#include "base/events.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The events' descriptor: -1 none, -2 not looked up yet. */
static int S_fd = -2;

/* See events.h. */
void pp_events_init(void)
{
    const char *v = getenv("PARPACK_EVENTS_FD");
    char *end = NULL;
    long n = v && *v ? strtol(v, &end, 10) : -1;
    struct stat st;
    S_fd = -1;
    if (n >= 3 && n < 1024 && end && !*end && fstat((int)n, &st) == 0 &&
        (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        S_fd = (int)n;
}

/* Append c to buf (len, cap). */
static void S_byte(char *buf, size_t *len, size_t cap, char c)
{
    if (*len < cap)
        buf[(*len)++] = c;
}

/* Append s to buf (len, cap), its tabs and line breaks as spaces; a
 * character that does not fit whole is left out. */
static void S_put(char *buf, size_t *len, size_t cap, const char *s)
{
    size_t start = *len, lead;
    for (; *s && *len < cap; s++)
        buf[(*len)++] = *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s;
    if (!*s || *len == start)
        return;
    /* cut: drop the last character if its bytes are not all there */
    lead = *len - 1;
    while (lead > start && ((unsigned char)buf[lead] & 0xC0) == 0x80)
        lead--;
    {
        unsigned char c = (unsigned char)buf[lead];
        size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (*len - lead < need)
            *len = lead;
    }
}

/* See events.h. */
void pp_event(const char *kind, const char *a, const char *b)
{
    char buf[PP_EVENT_MAX];
    size_t len = 0, cap = sizeof buf - 1, off = 0; /* room for '\n' */
    int fd;
    if (S_fd == -2)
        pp_events_init();
    if ((fd = S_fd) < 0)
        return;
    S_put(buf, &len, cap, kind);
    if (a) {
        S_byte(buf, &len, cap, '\t');
        S_put(buf, &len, cap, a);
    }
    if (b) {
        S_byte(buf, &len, cap, '\t');
        S_put(buf, &len, cap, b);
    }
    buf[len++] = '\n';
    while (off < len) {
        ssize_t w = write(fd, buf + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* not written (EPIPE where SIGPIPE is ignored): the
                     * run goes on without its events */
        off += (size_t)w;
    }
}
