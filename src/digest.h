/* digest.h - the agenda as an e-mail: one RFC 5322 / MIME message,
 * multipart/alternative with a text/plain and a text/html part (UTF-8,
 * quoted-printable), RFC 2047 encoded-words for a non-ASCII Subject and
 * display names. Pure: builds bytes into a buffer; no I/O, no clock, no
 * randomness (the caller passes the time and a unique token). */
#ifndef RAPPORT_DIGEST_H
#define RAPPORT_DIGEST_H

#include <stdint.h>

#include "agenda.h"
#include "util/buf.h"
#include "util/err.h"

struct digest_input {
	const struct agenda *agenda;
	const char *side;      /* "buyer" or "partner": whose agenda it is */
	const char *name;      /* that side's name, for the Subject and To (UTF-8), e.g. "Linden & Rowe" */
	const char *buyer;     /* the buyer's name, for the From display name */
	const char *from;      /* envelope and header addresses, checked with digest_address_check */
	const char *to;
	const char *day;       /* "YYYY-MM-DD": the day the agenda is for */
	int64_t now;           /* the Date header (seconds UTC) */
	const char *token;     /* unique per message, [0-9a-z.]: the Message-ID and the MIME boundary */
};

/* Appends the whole message, CRLF line ends, every line at most 78 octets,
 * to out. -1 with e set (ERR_INPUT) when an input is unusable. */
int digest_build(const struct digest_input *in, struct buf *out, struct err *e);

/* The Subject's text before encoding: "Rapport 2026-11-25: 3 overdue, 2 due,
 * 1 upcoming for Linden & Rowe". Appended to out. */
void digest_subject(const struct digest_input *in, struct buf *out);

/* 0 when addr is a plain ASCII addr-spec local@domain with no control
 * characters, spaces or specials (so no header or SMTP command injection);
 * else ERR_INPUT naming opt ("--to"). */
int digest_address_check(const char *addr, const char *opt, struct err *e);

/* Appends s as RFC 2047 B encoded-words ("=?UTF-8?B?...?="), each at most
 * 75 octets and never splitting a UTF-8 character, separated by CRLF SP
 * (a folded header) so that no line passes 76 octets. col is how many
 * octets the header line already holds; returns how many the last holds. */
size_t digest_encode_words(struct buf *out, const char *s, size_t col);

/* Appends the n bytes at s quoted-printable (RFC 2045): "\n" becomes CRLF,
 * lines at most 76 octets with soft breaks. */
void digest_qp(struct buf *out, const char *s, size_t n);

#endif
