/* digest.c - builds the agenda e-mail (RFC 5322, MIME multipart/alternative,
 * RFC 2047 headers, quoted-printable UTF-8 parts). Every value in the HTML
 * part goes through html_printf's %h, which escapes it. Pure: no I/O, no
 * clock; sending is mail.c's. */
#include "digest.h"

#include <stdarg.h>
#include <stdio.h>
#include <sodium.h>
#include <string.h>

#include "calendar/day.h"

#define LINE_MAX_OCTETS 78 /* RFC 5322 2.1.1: SHOULD; 998 is the MUST */
#define WORD_MAX 75        /* RFC 2047 2: an encoded-word */

/* RFC 4648 base64 with padding, as RFC 2047's "B" encoding wants: libsodium's. */
static void base64(struct buf *out, const unsigned char *p, size_t n)
{
	char enc[WORD_MAX + 1]; /* an encoded word's payload never exceeds a word */
	sodium_bin2base64(enc, sizeof enc, p, n, sodium_base64_VARIANT_ORIGINAL);
	buf_adds(out, enc);
}

/* The length of the UTF-8 sequence s[0] starts (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
	return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

size_t digest_encode_words(struct buf *out, const char *s, size_t col)
{
	static const char open[] = "=?UTF-8?B?", close[] = "?=";
	const size_t overhead = sizeof open - 1 + sizeof close - 1;
	size_t n = strlen(s), i = 0;
	do {
		/* room on this line: at most 76 octets per line, 75 per word */
		size_t room = 76 - col;
		if (room > WORD_MAX)
			room = WORD_MAX;
		size_t max_bytes = room > overhead + 4 ? (room - overhead) / 4 * 3 : 0;
		size_t take = 0;
		while (i + take < n) {
			size_t l = seq_len((unsigned char)s[i + take]);
			if (i + take + l > n)
				l = n - i - take;
			if (take + l > max_bytes)
				break;
			take += l;
		}
		if (take == 0 && n > 0) { /* no room left on this line: fold */
			buf_adds(out, "\r\n ");
			col = 1;
			continue;
		}
		buf_adds(out, open);
		base64(out, (const unsigned char *)s + i, take);
		buf_adds(out, close);
		col += overhead + (take + 2) / 3 * 4;
		i += take;
		if (i < n) {
			buf_adds(out, "\r\n ");
			col = 1;
		}
	} while (i < n);
	return col;
}

void digest_qp(struct buf *out, const char *s, size_t n)
{
	size_t col = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			buf_adds(out, "\r\n");
			col = 0;
			continue;
		}
		if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		int eol = i + 1 == n || s[i + 1] == '\n' || (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n');
		char enc[4];
		size_t k;
		if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !eol)) {
			enc[0] = (char)c;
			k = 1;
		} else {
			snprintf(enc, sizeof enc, "=%02X", c);
			k = 3;
		}
		/* a soft break "=" needs the 76th octet, unless this ends the line */
		if (col + k > (eol ? 76u : 75u)) {
			buf_adds(out, "=\r\n");
			col = 0;
		}
		buf_add(out, enc, k);
		col += k;
	}
}

static int plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}

/* An unstructured header (Subject): plain ASCII folded at spaces, else
 * encoded-words. */
static void header_text(struct buf *out, const char *name, const char *text)
{
	size_t col = strlen(name) + 2;
	buf_printf(out, "%s: ", name);
	if (!plain(text) || strlen(text) > 900) {
		digest_encode_words(out, text, col);
	} else {
		const char *w = text;
		while (*w) {
			const char *sp = strchr(w + 1, ' ');
			size_t l = sp ? (size_t)(sp - w) : strlen(w);
			if (col + l > LINE_MAX_OCTETS && w != text && *w == ' ') {
				buf_adds(out, "\r\n");
				col = 0;
			}
			buf_add(out, w, l);
			col += l;
			w += l;
		}
	}
	buf_adds(out, "\r\n");
}

/* An address header: "Name" <addr>, the name quoted when plain ASCII and
 * short, else encoded-words. */
static void header_addr(struct buf *out, const char *name, const char *display, const char *addr)
{
	size_t col = strlen(name) + 2;
	buf_printf(out, "%s: ", name);
	if (display && *display) {
		if (plain(display) && strlen(display) <= 60) {
			buf_addc(out, '"');
			for (const char *p = display; *p; p++) {
				if (*p == '"' || *p == '\\')
					buf_addc(out, '\\');
				buf_addc(out, *p);
				col++;
			}
			buf_addc(out, '"');
			col += 2;
		} else {
			col = digest_encode_words(out, display, col);
		}
		if (col + 3 + strlen(addr) > LINE_MAX_OCTETS) {
			buf_adds(out, "\r\n");
			col = 0;
		}
		buf_addc(out, ' ');
	}
	buf_printf(out, "<%s>\r\n", addr);
}

/* RFC 5322 3.3: "Wed, 25 Nov 2026 10:00:00 +0000". */
static void header_date(struct buf *out, int64_t t)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long day = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	long sec = (long)(t - (int64_t)day * 86400);
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	buf_printf(out, "Date: %s, %d %s %04d %02ld:%02ld:%02ld +0000\r\n", day_abbr(day_weekday(day)), d, mon[m - 1], y,
	           sec / 3600, sec / 60 % 60, sec % 60);
}

/* HTML through one printer: literal format text is copied, %h escapes a
 * string (& < > " '), %d an int, %z a size_t. No way to paste raw text. */
static void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			buf_addc(b, *p);
			continue;
		}
		switch (*++p) {
		case 'h':
			for (const char *s = va_arg(ap, const char *); *s; s++) {
				switch (*s) {
				case '&': buf_adds(b, "&amp;"); break;
				case '<': buf_adds(b, "&lt;"); break;
				case '>': buf_adds(b, "&gt;"); break;
				case '"': buf_adds(b, "&quot;"); break;
				case '\'': buf_adds(b, "&#39;"); break;
				default: buf_addc(b, *s);
				}
			}
			break;
		case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
		case 'z': buf_printf(b, "%zu", va_arg(ap, size_t)); break;
		case '%': buf_addc(b, '%'); break;
		default: buf_addc(b, '?'); p -= !*p; break; /* a bad format: visible, never raw input */
		}
	}
	va_end(ap);
}

static void counts(const struct agenda *ag, size_t n[3])
{
	n[0] = n[1] = n[2] = 0;
	for (size_t i = 0; i < ag->n; i++)
		n[ag->v[i].state]++;
}

void digest_subject(const struct digest_input *in, struct buf *out)
{
	size_t n[3];
	counts(in->agenda, n);
	buf_printf(out, "Rapport %s: ", in->day);
	if (!in->agenda->n)
		buf_adds(out, "nothing needs attention");
	else
		buf_printf(out, "%zu overdue, %zu due, %zu upcoming", n[0], n[1], n[2]);
	buf_printf(out, " for %s", in->name);
}


static void text_part(const struct digest_input *in, struct buf *t)
{
	size_t n[3];
	char day[48];
	counts(in->agenda, n);
	agenda_when(in->day, day);
	buf_printf(t, "Agenda of %s (the %s), %s: %zu item%s\n", in->name, in->side, day, in->agenda->n,
	           in->agenda->n == 1 ? "" : "s");
	if (!in->agenda->n)
		buf_adds(t, "\nNothing needs attention.\n");
	else
		buf_printf(t, "%zu overdue, %zu due, %zu upcoming\n", n[0], n[1], n[2]);
	for (size_t i = 0; i < in->agenda->n; i++) {
		const struct agenda_item *it = &in->agenda->v[i];
		char b[48], p[48], upper[16];
		size_t k = 0;
		for (const char *s = agenda_state_names[it->state]; *s && k < sizeof upper - 1; s++)
			upper[k++] = (char)(*s - 32);
		upper[k] = '\0';
		buf_printf(t, "\n%-8s  %s - owed by %s - %s (%s)\n", upper, it->partner, agenda_owes_text(it->owes), it->kind,
		           it->dimension);
		buf_printf(t, "          %s\n", it->what);
		agenda_when(it->at_buyer, b);
		agenda_when(it->at_partner, p);
		if (it->due_date[0])
			buf_printf(t, "          due %s\n", b);
		else
			buf_printf(t, "          due %s at the buyer, %s at the partner\n", b, p);
		buf_printf(t, "          do: %s\n", it->command);
	}
	buf_adds(t, "\n-- \nSent by Rapport. rapport agenda shows the same list.\n");
}

static void html_part(const struct digest_input *in, const char *subject, struct buf *h)
{
	size_t n[3];
	char day[48];
	counts(in->agenda, n);
	agenda_when(in->day, day);
	html_printf(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>%h</title></head>\n",
	            subject);
	html_printf(h, "<body style=\"font-family:sans-serif\">\n<h1>Agenda of %h (the %h), %h</h1>\n", in->name,
	            in->side, day);
	if (!in->agenda->n) {
		html_printf(h, "<p>Nothing needs attention.</p>\n");
	} else {
		html_printf(h, "<p>%z overdue, %z due, %z upcoming</p>\n", n[0], n[1], n[2]);
		html_printf(h, "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n"
		               "<tr><th>State</th><th>Partner</th><th>Owed by</th><th>What</th><th>Due</th>"
		               "<th>Affects</th><th>Do</th></tr>\n");
	}
	for (size_t i = 0; i < in->agenda->n; i++) {
		const struct agenda_item *it = &in->agenda->v[i];
		char b[48], p[48];
		agenda_when(it->at_buyer, b);
		agenda_when(it->at_partner, p);
		html_printf(h, "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h<br><small>%h</small></td>",
		            agenda_state_names[it->state], it->partner, agenda_owes_text(it->owes), it->what, it->kind);
		if (it->due_date[0])
			html_printf(h, "<td>%h</td>", b);
		else
			html_printf(h, "<td>%h at the buyer<br>%h at the partner</td>", b, p);
		html_printf(h, "<td>%h</td><td><code>%h</code></td></tr>\n", it->dimension, it->command);
	}
	if (in->agenda->n)
		html_printf(h, "</table>\n");
	html_printf(h, "<p><small>Sent by Rapport. <code>rapport agenda</code> shows the same list.</small></p>\n"
	               "</body>\n</html>\n");
}

int digest_address_check(const char *addr, const char *opt, struct err *e)
{
	if (!addr || !*addr)
		return err_set(e, ERR_INPUT, "%s: an e-mail address is required", opt);
	size_t n = strlen(addr);
	for (const char *p = addr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f)
			return err_set(e, ERR_INPUT, "%s: the address holds a control character (byte %zu)", opt,
			               (size_t)(p - addr));
		if (c >= 0x80)
			return err_set(e, ERR_INPUT, "%s: only ASCII addresses can be sent to (byte %zu)", opt,
			               (size_t)(p - addr));
		if (strchr(" <>()[],;:\"\\", c))
			return err_set(e, ERR_INPUT, "%s: '%c' cannot appear in an address: \"%s\"", opt, c, addr);
	}
	const char *at = strrchr(addr, '@');
	if (!at || at == addr || !at[1] || strchr(addr, '@') != at)
		return err_set(e, ERR_INPUT, "%s: not an e-mail address (local@domain): \"%s\"", opt, addr);
	if (n > 254 || (size_t)(at - addr) > 64)
		return err_set(e, ERR_INPUT, "%s: the address is too long: \"%.80s...\"", opt, addr);
	if (addr[0] == '.' || at[-1] == '.' || at[1] == '.' || addr[n - 1] == '.' || strstr(addr, ".."))
		return err_set(e, ERR_INPUT, "%s: not an e-mail address (misplaced dot): \"%s\"", opt, addr);
	return 0;
}

int digest_build(const struct digest_input *in, struct buf *out, struct err *e)
{
	if (digest_address_check(in->from, "--from", e) || digest_address_check(in->to, "--to", e))
		return -1;
	if (!in->token || !*in->token || strspn(in->token, "0123456789abcdefghijklmnopqrstuvwxyz.") != strlen(in->token) ||
	    strlen(in->token) > 40)
		return err_set(e, ERR_INPUT, "digest: the message token must be 1 to 40 of [0-9a-z.]");
	struct buf subject = BUF_INIT, text = BUF_INIT, html = BUF_INIT, from = BUF_INIT;
	digest_subject(in, &subject);
	text_part(in, &text);
	html_part(in, subject.data, &html);
	buf_printf(&from, "Rapport for %s", in->buyer);

	header_date(out, in->now);
	header_addr(out, "From", from.data, in->from);
	header_addr(out, "To", in->name, in->to);
	header_text(out, "Subject", subject.data);
	buf_printf(out, "Message-ID: <rapport.digest.%s@%s>\r\n", in->token, strrchr(in->from, '@') + 1);
	buf_adds(out, "MIME-Version: 1.0\r\n");
	buf_adds(out, "Auto-Submitted: auto-generated\r\n");
	/* "=_" cannot occur in quoted-printable text: the boundary never does */
	buf_printf(out, "Content-Type: multipart/alternative;\r\n boundary=\"=_rapport_%s\"\r\n", in->token);
	buf_adds(out, "\r\nThis is a MIME message: a plain text part and an HTML part.\r\n");
	buf_printf(out, "\r\n--=_rapport_%s\r\n", in->token);
	buf_adds(out, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
	digest_qp(out, text.data, text.len);
	buf_printf(out, "\r\n--=_rapport_%s\r\n", in->token);
	buf_adds(out, "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
	digest_qp(out, html.data, html.len);
	buf_printf(out, "\r\n--=_rapport_%s--\r\n", in->token);

	buf_release(&subject);
	buf_release(&text);
	buf_release(&html);
	buf_release(&from);
	return 0;
}
