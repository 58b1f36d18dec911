/* i18n.c - the languages table, Accept-Language, and binding gettext's
 * catalogs (i18n.h). Knows no request and no page. */
#include "web/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const struct i18n_lang_info i18n_langs[I18N_COUNT] = {
	[I18N_EN] = {"en", "C.UTF-8", NULL, "en", "English"},
	[I18N_ZH_CN] = {"zh-CN", "zh_CN.UTF-8", "zh_CN", "zh_CN", "\xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x88\xE7\xAE\x80\xE4\xBD\x93\xEF\xBC\x89"}, /* 中文（简体） */
};

/* Tag prefixes (up to a '-' or the end) and the language they select;
 * the first that matches wins, so the Traditional ones come before "zh". */
static const struct {
	const char *prefix;
	int lang;
} tags[] = {
	{"zh-tw", -1}, {"zh-hk", -1}, {"zh-mo", -1}, {"zh-hant", -1},
	{"zh", I18N_ZH_CN},
	{"en", I18N_EN},
};

int i18n_from_tag(const char *tag, size_t len)
{
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t n = strlen(tags[i].prefix);
		if (len >= n && !strncasecmp(tag, tags[i].prefix, n) && (len == n || tag[n] == '-'))
			return tags[i].lang;
	}
	return -1;
}

/* Reads a q-value ("1", "0.8", "1.000", at most three decimals, RFC 9110
 * section 12.4.2) into thousandths; -1 when malformed. */
static int qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1') || (n > 1 && s[1] != '.') || n > 5)
		return -1;
	int q = (s[0] - '0') * 1000, scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

static int ows(char c)
{
	return c == ' ' || c == '\t';
}

int i18n_accept(const char *h, size_t len)
{
	int best = -1, best_q = 0;
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && h[end] != ',')
			end++;
		/* one element: tag *( OWS ";" OWS param ) */
		size_t a = i, b;
		while (a < end && ows(h[a]))
			a++;
		b = a;
		while (b < end && h[b] != ';' && !ows(h[b]))
			b++;
		int lang = i18n_from_tag(h + a, b - a), q = 1000;
		for (size_t p = b; p < end;) {
			while (p < end && (ows(h[p]) || h[p] == ';'))
				p++;
			size_t ps = p;
			while (p < end && h[p] != ';')
				p++;
			size_t pe = p;
			while (pe > ps && ows(h[pe - 1]))
				pe--;
			if (pe - ps >= 2 && (h[ps] == 'q' || h[ps] == 'Q') && h[ps + 1] == '=')
				q = qvalue(h + ps + 2, pe - ps - 2);
		}
		if (lang >= 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
		i = end + 1;
	}
	return best;
}

/* Where the catalogs may be, relative to the executable's directory:
 * beside it, where `make install` puts them (PREFIX/bin/../share/locale),
 * and where the build leaves them for ./rapport and build/{rel,asan}/rapport. */
static const char *const near_exe[] = {"locale", "../share/locale", "build/locale", "../locale"};

static int has_catalogs(const char *dir)
{
	char path[4200];
	for (int i = 0; i < I18N_COUNT; i++) {
		if (!i18n_langs[i].catalog)
			continue;
		snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/" I18N_DOMAIN ".mo", dir, i18n_langs[i].catalog);
		if (access(path, R_OK) != 0)
			return 0;
	}
	return 1;
}

static void find_dir(struct i18n *x)
{
	const char *env = getenv("RAPPORT_LOCALEDIR");
	x->dir[0] = '\0';
	if (env && *env) {
		if (has_catalogs(env))
			snprintf(x->dir, sizeof x->dir, "%s", env);
		return; /* a directory named on purpose is the only one looked at */
	}
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	for (size_t i = 0; i < sizeof near_exe / sizeof near_exe[0]; i++) {
		char dir[4200];
		snprintf(dir, sizeof dir, "%s/%s", exe, near_exe[i]);
		char *real = realpath(dir, NULL);
		if (real && has_catalogs(real) && strlen(real) < sizeof x->dir) {
			snprintf(x->dir, sizeof x->dir, "%s", real);
			free(real);
			return;
		}
		free(real);
	}
}

void i18n_init(struct i18n *x, const char **warning)
{
	memset(x, 0, sizeof *x);
	const char *warn = NULL;
	find_dir(x);
	if (x->dir[0]) {
		bindtextdomain(I18N_DOMAIN, x->dir);
		/* translations come out as UTF-8 whatever the locale's codeset */
		bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	} else {
		warn = getenv("RAPPORT_LOCALEDIR") && *getenv("RAPPORT_LOCALEDIR")
		               ? "RAPPORT_LOCALEDIR holds no compiled catalogs (zh_CN/LC_MESSAGES/rapport.mo): pages are in English only"
		               : "no compiled catalogs beside the executable (set RAPPORT_LOCALEDIR): pages are in English only";
	}
	for (int i = 0; i < I18N_COUNT; i++) {
		/* characters are UTF-8 in every language; only the messages differ
		 * (numbers and dates are ICU's, so LC_NUMERIC stays "C") */
		locale_t base = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (!base)
			base = newlocale(LC_CTYPE_MASK, "C", (locale_t)0);
		if (!i18n_langs[i].catalog) {
			x->loc[i] = base;
			continue;
		}
		locale_t l = x->dir[0] && base ? newlocale(LC_MESSAGES_MASK, i18n_langs[i].locale, base) : (locale_t)0;
		if (!l) {
			if (base)
				freelocale(base);
			if (x->dir[0] && !warn)
				warn = "the zh_CN.UTF-8 locale is not installed (make deps adds it with localedef): "
				       "pages are in English only";
		}
		x->loc[i] = l;
	}
	if (warning)
		*warning = warn;
}

void i18n_release(struct i18n *x)
{
	for (int i = 0; i < I18N_COUNT; i++)
		if (x->loc[i])
			freelocale(x->loc[i]);
	memset(x, 0, sizeof *x);
}

enum i18n_lang i18n_served(const struct i18n *x, int lang)
{
	return lang > 0 && lang < I18N_COUNT && x->loc[lang] ? (enum i18n_lang)lang : I18N_EN;
}

void i18n_use(const struct i18n *x, int lang)
{
	if (lang >= 0 && lang < I18N_COUNT && x->loc[lang])
		uselocale(x->loc[lang]);
	else
		uselocale(LC_GLOBAL_LOCALE);
}

int i18n_snprintf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	int n = vsnprintf(out, size, fmt, ap);
#pragma GCC diagnostic pop
	va_end(ap);
	return n;
}

const char *i18n_text(const char *msgid)
{
	return _(msgid);
}
