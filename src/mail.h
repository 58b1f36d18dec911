/* mail.h - sends one message over SMTP (or SMTPS) with libcurl: STARTTLS
 * when the server offers it (TLS required for smtps://), AUTH when the URL
 * carries user:password, retries with exponential back-off. Builds
 * nothing: the message comes whole from digest.c. */
#ifndef RAPPORT_MAIL_H
#define RAPPORT_MAIL_H

#include <stddef.h>

#include "util/err.h"

#define MAIL_MAX_RETRIES 10

struct mail_result {
	int attempts; /* how many times it tried */
};

/* 0 when url is smtp://HOST[:PORT] or smtps://..., optionally with
 * user:password@, and holds no control characters or spaces; else
 * ERR_INPUT naming opt. */
int mail_url_check(const char *url, const char *opt, struct err *e);

/* 1 when url must use TLS throughout: smtps://, or a password for a host
 * other than this machine (127.x.y.z, [::1], localhost) -- a relay that
 * offers no STARTTLS is refused rather than sent the password in clear. */
int mail_tls_required(const char *url);

/* Sends the len bytes of msg (CRLF line ends) from `from` to `to` through
 * url: TLS throughout for smtps:// and whenever the URL carries a password
 * for a host other than this machine, else STARTTLS when the server offers
 * it; the server's certificate checked against cacert (a PEM file) when
 * given, else the system's authorities. A failure that may pass (no
 * connection, a 4xx answer) is tried again up to `retries` more times
 * after 1 s, 2 s, 4 s, ...; a permanent one (a 5xx answer, a certificate
 * refused) is not. On failure ERR_IO with curl's error and the server's
 * last reply, the URL without its password, and the number of attempts. */
int mail_send(const char *url, const char *cacert, const char *from, const char *to, const char *msg, size_t len,
              int retries, struct mail_result *res, struct err *e);

#endif
