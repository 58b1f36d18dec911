/* i18n.h - the web app's languages: the table of them, which one a request
 * asks for (Accept-Language), gettext's catalogs (po/LANG.po, compiled to .mo
 * at build time) and the per-thread switch that makes gettext answer in a
 * request's language. Every string a page shows is written in English in
 * the source inside _() (or N_() where it is only marked, P_() with a
 * plural) and xgettext extracts them into po/rapport.pot.
 *
 * Thread safety: glibc's gettext reads the calling thread's locale
 * (uselocale), so each request switches its own thread and no global
 * (setlocale, LANGUAGE) is touched while the server runs. */
#ifndef RAPPORT_I18N_H
#define RAPPORT_I18N_H

#include <libintl.h>
#include <locale.h>
#include <stddef.h>

#include "util/err.h"

#define I18N_DOMAIN "rapport"
#define _(s) dgettext(I18N_DOMAIN, s)
#define N_(s) s
#define P_(one, many, n) dngettext(I18N_DOMAIN, one, many, (unsigned long)(n))

/* _() as a function, for a library that takes a translator (agenda.h). */
const char *i18n_text(const char *msgid) __attribute__((format_arg(1)));

enum i18n_lang {
	I18N_EN,    /* the source language */
	I18N_ZH_CN, /* Simplified Chinese */
	I18N_COUNT,
};

struct i18n_lang_info {
	const char *tag;    /* BCP 47, as users.lang and the lang attribute hold it: "en", "zh-CN" */
	const char *locale; /* the glibc locale whose LC_MESSAGES selects the catalog */
	const char *catalog;/* the catalog's directory under the locale directory, NULL for the source */
	const char *icu;    /* ICU's locale for dates and numbers */
	const char *name;   /* the language's name in itself, for the switch */
};
extern const struct i18n_lang_info i18n_langs[I18N_COUNT];

/* The language of a tag (len bytes, case ignored): "en" and "en-*" are
 * English; "zh", "zh-CN", "zh-SG" and "zh-Hans[-*]" Simplified Chinese.
 * -1 for any other, Traditional Chinese (zh-TW, zh-HK, zh-Hant) included:
 * its readers may prefer their next choice. */
int i18n_from_tag(const char *tag, size_t len);

/* The language an Accept-Language header (len bytes) prefers: the one with
 * the highest q-value among those this app has (a tie goes to the one
 * listed first); q=0 refuses a language; "*" and unknown tags count for
 * nothing. -1 when the header names none of ours. */
int i18n_accept(const char *header, size_t len);

/* The languages as this process can serve them. */
struct i18n {
	locale_t loc[I18N_COUNT]; /* (locale_t)0 where the system lacks the locale */
	char dir[4096];           /* where the catalogs were found, "" if nowhere */
};

/* Finds the catalogs ($RAPPORT_LOCALEDIR, else beside the executable: see
 * i18n.c) and binds them, and makes a locale object per language. Never
 * fails: a language without its catalog or locale is served in English,
 * and *warning (when not NULL) says why, for the log (NULL when all is
 * well). Call once before the server's threads start. */
void i18n_init(struct i18n *x, const char **warning);
void i18n_release(struct i18n *x);

/* The language a request gets once what it asked for is known: lang
 * itself when this process can serve it, else English. */
enum i18n_lang i18n_served(const struct i18n *x, int lang);

/* snprintf with a translated format (_("... %d ...")), which the
 * compiler cannot check: the build's msgfmt --check does, refusing a
 * translation whose directives differ from its msgid's. */
int i18n_snprintf(char *out, size_t size, const char *fmt, ...);

/* Makes gettext in the calling thread answer in lang (as i18n_served
 * gives it); i18n_use(x, -1) returns the thread to the global locale. */
void i18n_use(const struct i18n *x, int lang);

#endif
