/* test_digest.c - the agenda e-mail as built by digest.c: its headers, the
 * RFC 2047 Subject and display names (decoded here by hand), both MIME
 * parts, HTML escaping and line lengths; and the address check. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "util/utf8.h"

/* 2026-11-25T10:00:00Z, a Wednesday */
#define NOW 1795600800

static struct agenda_item items[3];
static struct agenda ag;

static void item(int i, const char *partner, enum agenda_state st, const char *what)
{
	struct agenda_item *it = &items[i];
	memset(it, 0, sizeof *it);
	snprintf(it->id, sizeof it->id, "commitment:%d", i + 2);
	it->rel = 1;
	snprintf(it->partner, sizeof it->partner, "%s", partner);
	it->owes = "partner";
	it->kind = "commitment";
	it->state = st;
	snprintf(it->due_date, sizeof it->due_date, "2026-11-2%d", i);
	snprintf(it->at_buyer, sizeof it->at_buyer, "2026-11-2%d", i);
	snprintf(it->at_partner, sizeof it->at_partner, "2026-11-2%d", i);
	it->dimension = "reliability";
	snprintf(it->what, sizeof it->what, "%s", what);
	snprintf(it->command, sizeof it->command, "rapport commitment keep %d", i + 2);
}

/* An agenda of three items for partner name; builds the message into out. */
static void build(const char *name, const char *what0, struct buf *out)
{
	item(0, name, AGENDA_OVERDUE, what0);
	item(1, name, AGENDA_OVERDUE, "Bulk fabric in house");
	item(2, name, AGENDA_DUE, "Pre-production sample");
	ag.v = items;
	ag.n = ag.cap = 3;
	struct digest_input in = {
	    .agenda = &ag, .side = "partner", .name = name, .buyer = "Linden & Rowe", .from = "rapport@linden.example",
	    .to = "lan@factory.example", .day = "2026-11-25", .now = NOW, .token = "1795600800.abc123",
	};
	struct err e = {0};
	cr_assert_eq(digest_build(&in, out, &e), 0, "%s", e.msg);
}

/* The header block (up to the first empty line), unfolded: a copy to free. */
static char *header(const char *msg, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = msg; *p && strncmp(p, "\r\n", 2); p = strstr(p, "\r\n") + 2) {
		if (strncasecmp(p, name, n) || p[n] != ':')
			continue;
		struct buf b = BUF_INIT;
		const char *v = p + n + 1;
		while (*v == ' ')
			v++;
		for (;;) {
			const char *eol = strstr(v, "\r\n");
			buf_add(&b, v, (size_t)(eol - v));
			if (eol[2] != ' ' && eol[2] != '\t')
				break;
			v = eol + 2; /* unfolding removes the CRLF only (RFC 5322 2.2.3) */
		}
		return buf_detach(&b);
	}
	return NULL;
}

static int b64val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(t, c) : NULL;
	return p ? (int)(p - t) : -1;
}

/* Decodes a header value made of "=?UTF-8?B?...?=" words separated by
 * white space (which RFC 2047 6.2 drops between adjacent words), checking
 * that each word is at most 75 octets and decodes to whole UTF-8. */
static char *decode_words(const char *v)
{
	struct buf out = BUF_INIT;
	while (*v) {
		while (*v == ' ')
			v++;
		if (!*v)
			break;
		cr_assert(!strncmp(v, "=?UTF-8?B?", 10), "not an encoded-word: %s", v);
		const char *end = strstr(v + 10, "?=");
		cr_assert(end);
		cr_expect_leq((size_t)(end + 2 - v), 75, "encoded-word longer than 75 octets");
		struct buf word = BUF_INIT;
		for (const char *p = v + 10; p + 3 < end + 0 + 1 && p < end; p += 4) {
			int a = b64val(p[0]), b = b64val(p[1]), c = p[2] == '=' ? 0 : b64val(p[2]),
			    d = p[3] == '=' ? 0 : b64val(p[3]);
			cr_assert(a >= 0 && b >= 0 && c >= 0 && d >= 0, "bad base64 in %s", v);
			unsigned x = (unsigned)(a << 18 | b << 12 | c << 6 | d);
			buf_addc(&word, (char)(x >> 16));
			if (p[2] != '=')
				buf_addc(&word, (char)(x >> 8 & 255));
			if (p[3] != '=')
				buf_addc(&word, (char)(x & 255));
		}
		cr_expect(utf8_valid(word.data, word.len), "an encoded-word splits a UTF-8 character");
		buf_add(&out, word.data, word.len);
		buf_release(&word);
		v = end + 2;
	}
	return buf_detach(&out);
}

/* The body of the part whose Content-Type starts with type, QP-decoded. */
static char *part(const char *msg, const char *type, char **headers)
{
	const char *boundary = "\r\n--=_rapport_1795600800.abc123\r\n";
	for (const char *p = strstr(msg, boundary); p; p = strstr(p + 1, boundary)) {
		const char *h = p + strlen(boundary), *body = strstr(h, "\r\n\r\n");
		if (strncmp(h, "Content-Type: ", 14) || strncmp(h + 14, type, strlen(type)))
			continue;
		*headers = strndup(h, (size_t)(body - h));
		body += 4;
		const char *end = strstr(body, "\r\n--=_rapport_1795600800.abc123");
		struct buf out = BUF_INIT;
		for (const char *q = body; q < end; q++) {
			if (*q == '=' && q[1] == '\r' && q[2] == '\n') {
				q += 2;
			} else if (*q == '=') {
				unsigned char x[1];
				char hex[3] = {(char)(q[1] | 0x20), (char)(q[2] | 0x20), 0};
				cr_assert_eq(hex_decode(hex, x, 1), 0, "bad =XX");
				buf_addc(&out, (char)x[0]);
				q += 2;
			} else {
				buf_addc(&out, *q);
			}
		}
		return buf_detach(&out);
	}
	return NULL;
}

Test(digest, has_every_header_a_message_needs)
{
	struct buf m = BUF_INIT;
	build("Dongguan Evergreen Knitwear", "Lab dips", &m);
	const char *names[] = {"Date", "Message-ID", "From", "To", "Subject", "MIME-Version", "Content-Type"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *v = header(m.data, names[i]);
		cr_expect(v != NULL, "no %s header", names[i]);
		free(v);
	}
	char *v = header(m.data, "Date");
	cr_expect_str_eq(v, "Wed, 25 Nov 2026 10:00:00 +0000");
	free(v);
	v = header(m.data, "Message-ID");
	cr_expect_str_eq(v, "<rapport.digest.1795600800.abc123@linden.example>");
	free(v);
	v = header(m.data, "MIME-Version");
	cr_expect_str_eq(v, "1.0");
	free(v);
	v = header(m.data, "From");
	cr_expect_str_eq(v, "\"Rapport for Linden & Rowe\" <rapport@linden.example>");
	free(v);
	v = header(m.data, "To");
	cr_expect_str_eq(v, "\"Dongguan Evergreen Knitwear\" <lan@factory.example>");
	free(v);
	v = header(m.data, "Subject"); /* plain ASCII stays readable, folded at a space */
	cr_expect_str_eq(v, "Rapport 2026-11-25: 2 overdue, 1 due, 0 upcoming for Dongguan Evergreen Knitwear");
	free(v);
	v = header(m.data, "Content-Type");
	cr_expect_str_eq(v, "multipart/alternative; boundary=\"=_rapport_1795600800.abc123\"");
	free(v);
	buf_release(&m);
}

Test(digest, a_non_ascii_subject_is_encoded_words_that_decode_to_it)
{
	struct buf m = BUF_INIT;
	build("Nguyễn Thị Lan Garment Co. 陈", "Lab dips", &m);
	char *v = header(m.data, "Subject");
	cr_expect(strstr(m.data, "\r\nSubject: =?UTF-8?B?") != NULL);
	char *text = decode_words(v);
	cr_expect_str_eq(text, "Rapport 2026-11-25: 2 overdue, 1 due, 0 upcoming for Nguyễn Thị Lan Garment Co. 陈");
	free(text);
	free(v);
	v = header(m.data, "To");
	char *lt = strstr(v, " <lan@factory.example>");
	cr_assert(lt, "To: %s", v);
	*lt = '\0';
	text = decode_words(v);
	cr_expect_str_eq(text, "Nguyễn Thị Lan Garment Co. 陈");
	free(text);
	free(v);
	buf_release(&m);
}

Test(digest, a_short_name_is_one_hand_worked_encoded_word)
{
	/* 陈 is U+9648, UTF-8 E9 99 88; base64 of those three bytes is "6ZmI" */
	struct buf m = BUF_INIT;
	build("陈", "Lab dips", &m);
	cr_expect(strstr(m.data, "\r\nTo: =?UTF-8?B?6ZmI?= <lan@factory.example>\r\n") != NULL);
	buf_release(&m);
}

Test(digest, has_a_text_and_an_html_part_both_utf8_quoted_printable)
{
	struct buf m = BUF_INIT;
	char *h1, *h2;
	build("Nguyễn Thị Lan", "Lab dips", &m);
	char *text = part(m.data, "text/plain", &h1), *html = part(m.data, "text/html", &h2);
	cr_assert(text && html, "a part is missing");
	cr_expect_str_eq(h1, "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable");
	cr_expect_str_eq(h2, "Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable");
	cr_expect(utf8_valid(text, strlen(text)) && utf8_valid(html, strlen(html)));
	cr_expect(strstr(text, "Agenda of Nguyễn Thị Lan (the partner), Wed 2026-11-25: 3 items") != NULL, "%s", text);
	cr_expect(strstr(text, "OVERDUE   Nguyễn Thị Lan - owed by the partner - commitment (reliability)") != NULL);
	cr_expect(strstr(text, "do: rapport commitment keep 3") != NULL);
	cr_expect(strstr(html, "<td>Pre-production sample<br>") != NULL, "%s", html);
	cr_expect(strstr(m.data, "\r\n--=_rapport_1795600800.abc123--\r\n") != NULL, "no closing boundary");
	free(h1);
	free(h2);
	free(text);
	free(html);
	buf_release(&m);
}

Test(digest, html_escapes_every_value)
{
	struct buf m = BUF_INIT;
	char *h;
	build("A&B <Knit> \"Co\"", "Lab dips <script>alert('x')</script>", &m);
	char *html = part(m.data, "text/html", &h), *text;
	cr_expect(strstr(html, "Lab dips &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != NULL, "%s", html);
	cr_expect(strstr(html, "A&amp;B &lt;Knit&gt; &quot;Co&quot;") != NULL);
	cr_expect(strstr(html, "<script>") == NULL);
	cr_expect(strstr(html, "<Knit>") == NULL);
	free(h);
	text = part(m.data, "text/plain", &h); /* the plain part shows the text as written */
	cr_expect(strstr(text, "Lab dips <script>alert('x')</script>") != NULL);
	free(h);
	free(text);
	free(html);
	buf_release(&m);
}

Test(digest, no_line_is_longer_than_78_octets_and_every_line_ends_in_crlf)
{
	char what[400];
	memset(what, 'x', sizeof what - 1);
	what[sizeof what - 1] = '\0';
	memcpy(what, "陈陈陈 = ", strlen("陈陈陈 = "));
	struct buf m = BUF_INIT;
	build("Nguyễn Thị Lan Garment Company Limited of Hồ Chí Minh City, Việt Nam", what, &m);
	size_t lines = 0;
	for (const char *p = m.data; *p;) {
		const char *eol = strstr(p, "\r\n");
		cr_assert(eol, "the message does not end in CRLF");
		cr_expect_leq((size_t)(eol - p), 78, "line %zu has %zu octets", lines + 1, (size_t)(eol - p));
		cr_expect(memchr(p, '\n', (size_t)(eol - p)) == NULL, "a bare LF in line %zu", lines + 1);
		p = eol + 2;
		lines++;
	}
	char *h, *text = part(m.data, "text/plain", &h);
	cr_expect(strstr(text, what) != NULL, "the long line does not survive the soft breaks");
	free(h);
	free(text);
	buf_release(&m);
}

Test(digest, quoted_printable_encodes_equals_eight_bit_and_trailing_space)
{
	struct buf b = BUF_INIT;
	digest_qp(&b, "a=b \nc\t\né\n", strlen("a=b \nc\t\né\n"));
	cr_expect_str_eq(b.data, "a=3Db=20\r\nc=09\r\n=C3=A9\r\n");
	buf_release(&b);
}

Test(digest, refuses_addresses_that_could_inject_or_are_not_addresses)
{
	struct err e;
	const char *bad[] = {"", "nobody", "@example.com", "a@", "a@b@c", "a b@example.com", "a@example.com\r\nBcc: x@y",
	                     "a@example.com\n", "a\x01@example.com", "<a@example.com>", "a@example..com", "lạn@example.com"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		cr_expect_eq(digest_address_check(bad[i], "--to", &e), -1, "accepted \"%s\"", bad[i]);
		cr_expect_eq(e.code, ERR_INPUT);
		cr_expect(!strncmp(e.msg, "--to: ", 6), "%s", e.msg);
	}
	const char *good[] = {"lan@factory.example", "rapport@localhost", "first.last+digest@sub.example.co.uk"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		cr_expect_eq(digest_address_check(good[i], "--to", &e), 0, "refused \"%s\": %s", good[i], e.msg);
}

Test(digest, an_empty_agenda_says_nothing_needs_attention)
{
	struct agenda none = {0};
	struct digest_input in = {
	    .agenda = &none, .side = "buyer", .name = "Linden & Rowe", .buyer = "Linden & Rowe", .from = "r@localhost",
	    .to = "b@example.com", .day = "2026-11-25", .now = NOW, .token = "t1",
	};
	struct buf s = BUF_INIT;
	digest_subject(&in, &s);
	cr_expect_str_eq(s.data, "Rapport 2026-11-25: nothing needs attention for Linden & Rowe");
	buf_release(&s);
}
