/*
 * events.h - what a run is doing, for a program that runs parpack and
 * shows it (parpack serve's jobs): one line per event on the descriptor
 * that PARPACK_EVENTS_FD names, tab-separated, its first field a word no
 * locale changes, so that the program reads them whatever the language
 * of the messages:
 *
 *     progress  DONE  TOTAL      a file of the packet written
 *     sent      UNIT             a unit's message accepted by the server
 *     already   UNIT             sent before (sent.log): not again
 *     refused   UNIT  WHY        not sent, and why (the user's language)
 *     error     TEXT             an error, as said on standard error
 *
 * Without PARPACK_EVENTS_FD (a descriptor of 3 or more, a pipe or a
 * socket, open when the program started), nothing. Each line is one
 * write(2) of at most PP_EVENT_MAX bytes (cut), whole on a pipe.
 */
#ifndef PARPACK_EVENTS_H
#define PARPACK_EVENTS_H

#define PP_EVENT_MAX 4000

/* Look PARPACK_EVENTS_FD up: first thing in main, before the program
 * opens a file, so that a descriptor of its own (a packet file, its
 * lock) is never taken for it; pp_event does it when not done. */
void pp_events_init(void);

/* One event: kind and up to two fields (NULL: none); a tab or a line
 * break inside a field becomes a space. */
void pp_event(const char *kind, const char *a, const char *b);

#endif
