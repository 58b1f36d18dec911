/* mail.c - SMTP submission through libcurl: MAIL FROM, one RCPT TO, DATA
 * fed by a read callback; STARTTLS when offered (smtps:// requires TLS);
 * AUTH from the URL's user:password; the server's last reply kept from the
 * protocol trace for the error message. Knows nothing about the message. */
#include "mail.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nitems, void *ud)
{
	struct upload *u = ud;
	size_t n = size * nitems;
	if (n > u->left)
		n = u->left;
	memcpy(dst, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The server's last refusal (a 4xx or 5xx reply line), control characters
 * dropped: after a refusal curl still says QUIT, so the very last reply is
 * "221 Bye". */
struct trace {
	char last[200];
};

static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *ud)
{
	(void)h;
	struct trace *t = ud;
	if (type != CURLINFO_HEADER_IN || size == 0 || (data[0] != '4' && data[0] != '5'))
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < size && k < sizeof t->last - 1; i++)
		if ((unsigned char)data[i] >= 0x20 && data[i] != 0x7f)
			t->last[k++] = data[i];
	t->last[k] = '\0';
	return 0;
}

/* url without its password, for messages. */
static void redact(const char *url, char out[256])
{
	const char *s = strstr(url, "://"), *at, *colon;
	s = s ? s + 3 : url;
	at = strchr(s, '@');
	colon = at ? memchr(s, ':', (size_t)(at - s)) : NULL;
	if (colon)
		snprintf(out, 256, "%.*s:***%s", (int)(colon - url), url, at);
	else
		snprintf(out, 256, "%s", url);
}

int mail_url_check(const char *url, const char *opt, struct err *e)
{
	size_t skip;
	if (!url || !*url)
		return err_set(e, ERR_INPUT, "%s: required", opt);
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return err_set(e, ERR_INPUT, "%s: the URL holds a space, control or non-ASCII character (byte %zu)",
			               opt, (size_t)(p - url));
	char shown[256]; /* never the password in a message */
	redact(url, shown);
	if (!strncasecmp(url, "smtp://", 7))
		skip = 7;
	else if (!strncasecmp(url, "smtps://", 8))
		skip = 8;
	else
		return err_set(e, ERR_INPUT, "%s: smtp://HOST:PORT or smtps://HOST:PORT: \"%s\"", opt, shown);
	const char *host = url + skip, *at = strchr(host, '@'), *slash = strchr(host, '/');
	if (at && (!slash || at < slash))
		host = at + 1;
	if (!*host || *host == '/' || *host == ':')
		return err_set(e, ERR_INPUT, "%s: no host: \"%s\"", opt, shown);
	const char *end = *host == '[' ? strchr(host, ']') : host, *colon = end ? strchr(end, ':') : NULL;
	slash = strchr(host, '/');
	if (colon && (!slash || colon < slash)) {
		long port = 0;
		const char *p = colon + 1;
		for (; *p >= '0' && *p <= '9' && port <= 65535; p++)
			port = port * 10 + (*p - '0');
		if (p == colon + 1 || (*p && *p != '/') || port < 1 || port > 65535)
			return err_set(e, ERR_INPUT, "%s: the port must be a number from 1 to 65535: \"%s\"", opt, shown);
	}
	return 0;
}

/* Elsewhere STARTTLS whenever the server offers it (CURLUSESSL_TRY). */
int mail_tls_required(const char *url)
{
	if (!strncasecmp(url, "smtps:", 6))
		return 1;
	const char *host = strstr(url, "://"), *at, *slash;
	host = host ? host + 3 : url;
	at = strchr(host, '@');
	slash = strchr(host, '/');
	if (!at || (slash && slash < at))
		return 0;
	host = at + 1;
	size_t n = strcspn(host, "/");
	if (*host == '[') { /* [v6]:port */
		const char *end = memchr(host, ']', n);
		return !(end && end - host == 4 && !strncmp(host, "[::1]", 5) && strchr(":/", end[1]));
	}
	n = strcspn(host, ":/");
	if (n == 9 && !strncasecmp(host, "localhost", 9))
		return 0;
	return !(n >= 4 && !strncmp(host, "127.", 4) && strspn(host, "0123456789.") >= n);
}

/* 1 when trying again later may succeed. */
static int transient(CURLcode rc, long code)
{
	if (code >= 500)
		return 0;
	if (code >= 400)
		return 1;
	switch (rc) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
		return 1;
	default:
		return 0;
	}
}

static CURLcode attempt(const char *url, const char *cacert, const char *from, const char *to, const char *msg,
                        size_t len, char errbuf[CURL_ERROR_SIZE], struct trace *t, long *code)
{
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(errbuf, CURL_ERROR_SIZE, "curl_easy_init failed");
		return CURLE_FAILED_INIT;
	}
	struct upload u = {msg, len};
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	errbuf[0] = '\0';
	t->last[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)(mail_tls_required(url) ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	if (cacert) /* a private relay's own authority, instead of the system's */
		curl_easy_setopt(h, CURLOPT_CAINFO, cacert);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L); /* the trace goes to debug_cb, never to stderr */
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, t);
	CURLcode rc = curl_easy_perform(h);
	*code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
	if (rc != CURLE_OK && !errbuf[0])
		snprintf(errbuf, CURL_ERROR_SIZE, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	return rc;
}

int mail_send(const char *url, const char *cacert, const char *from, const char *to, const char *msg, size_t len,
              int retries, struct mail_result *res, struct err *e)
{
	char errbuf[CURL_ERROR_SIZE], where[256];
	struct trace t;
	long code = 0;
	CURLcode rc;
	int n = 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return err_set(e, ERR_IO, "libcurl could not start");
	for (;;) {
		rc = attempt(url, cacert, from, to, msg, len, errbuf, &t, &code);
		n++;
		if (rc == CURLE_OK || n > retries || !transient(rc, code))
			break;
		sleep(1u << (n - 1)); /* 1 s, 2 s, 4 s, ... */
	}
	curl_global_cleanup();
	if (res)
		res->attempts = n;
	if (rc == CURLE_OK)
		return 0;
	redact(url, where);
	if (t.last[0] && code >= 400)
		return err_set(e, ERR_IO, "sending to %s failed after %d attempt%s: %s; the server answered \"%s\"", where,
		               n, n == 1 ? "" : "s", errbuf, t.last);
	return err_set(e, ERR_IO, "sending to %s failed after %d attempt%s: %s", where, n, n == 1 ? "" : "s", errbuf);
}
