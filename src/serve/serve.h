/*
 * serve.h - `parpack serve` and `parpack user` (issue 23): the year's
 * workspace in a browser, on the same core as the command line.
 *
 * The server lives in the module parpack-serve.so (libmicrohttpd,
 * libsqlite3, libargon2, libzip), which the program opens only for these
 * two verbs (src/serve/open.c), so that `check` and `score` never load
 * those libraries. Each entry takes the verb's own arguments (argv[0] is
 * the verb) and returns the process's exit status (cli.md: 0 done, 1 bad
 * input, 2 usage error, 3 an output could not be written).
 *
 * Files, one concept each:
 *   cmd.c    the verbs' options (serve, user add|list|remove|password)
 *   store.c  the workspace's SQLite database (schema, WAL, audit log)
 *   auth.c   passwords (Argon2id), sessions, CSRF tokens, login slowing
 *   http.c   the HTTP layer over libmicrohttpd: bodies, limits, headers
 *   api.c    the JSON API's routes (docs/api.md)
 *   year.c   a year's appraisal, forms received, assembled appraisal
 *   jobs.c   build and send as jobs (the program itself as a child)
 *   pages.c  the pages and their assets, compiled in, texts via gettext
 *   json.c   writing JSON and reading the small objects the API takes
 */
#ifndef PARPACK_SERVE_H
#define PARPACK_SERVE_H

/* `parpack serve [--workspace DIR] [--listen HOST:PORT] [--public-url URL]
 * [--tls-cert F --tls-key F]` */
int pp_serve_main(int argc, char **argv);

/* `parpack user add NAME --role clerk|council | list | remove NAME |
 * password NAME [--workspace DIR]` */
int pp_user_main(int argc, char **argv);

#endif
