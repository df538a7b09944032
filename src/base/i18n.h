/*
 * i18n.h - message translation through GNU gettext (glibc's libintl).
 *
 * Every message a person reads is marked: _("…") where it is used,
 * N_("…") where it is only listed (tables), translated later with _().
 * msgids are English; po/vi.po holds the Vietnamese catalog. Positions
 * ("FILE:LINE:COL:") are never inside a msgid.
 */
#ifndef PARPACK_I18N_H
#define PARPACK_I18N_H

#include <libintl.h>

#define PP_TEXTDOMAIN "parpack"
#define _(s) gettext(s)
#define N_(s) (s)

#endif
