/* cmd_digest.c - `rapport digest`: one side's agenda as an e-mail, built by
 * digest.c and sent by mail.c (or printed with --dry-run). Reads the
 * agenda like `rapport agenda`; writes nothing to the database. */
#include <errno.h>
#include <jansson.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "agenda.h"
#include "cmd.h"
#include "digest.h"
#include "mail.h"
#include "store/parties.h"
#include "util/time.h"

#define DEFAULT_SMTP "smtp://127.0.0.1:25"
#define DEFAULT_FROM "rapport@localhost"

int cmd_digest(struct app *app, const args_t *a, struct err *e)
{
	const char *to = arg_str(a, "to"), *from = arg_str(a, "from"), *url = arg_str(a, "smtp");
	const char *side = arg_str(a, "side");
	int retries, r = -1;
	from = from ? from : DEFAULT_FROM;
	url = url ? url : DEFAULT_SMTP;
	if (digest_address_check(to, "--to", e) || digest_address_check(from, "--from", e) ||
	    mail_url_check(url, "--smtp", e) || arg_count(a, "retries", 0, MAIL_MAX_RETRIES, 0, &retries, e))
		return -1;
	const char *cacert = arg_str(a, "cacert");
	if (cacert && access(cacert, R_OK))
		return err_set(e, ERR_INPUT, "--cacert: cannot read %s: %s", cacert, strerror(errno));
	/* before the agenda, so a bad --side names itself */
	if (strcmp(side, "buyer") && strcmp(side, "partner"))
		return err_set(e, ERR_INPUT, "--side: buyer or partner: \"%s\"", side);

	struct party buyer, partner;
	int found = store_buyer_get(app->db, &buyer, e);
	if (found <= 0)
		return found < 0 ? -1 : err_set(e, ERR_INPUT, "no buyer yet: run rapport init first");
	struct agenda ag;
	int64_t now;
	if (cmd_agenda_query(app, a, 1, &ag, &now, e))
		return -1;
	char name[PARTY_NAME_MAX + 32], day[11];
	if (!strcmp(side, "buyer")) {
		snprintf(name, sizeof name, "%s", buyer.name);
	} else if (arg_str(a, "partner")) {
		int64_t id;
		if (arg_id(a, "partner", &id, e) || cmd_partner_get(app, id, &partner, e))
			goto done;
		snprintf(name, sizeof name, "%s", partner.name);
	} else {
		snprintf(name, sizeof name, "the partners of %s", buyer.name);
	}
	time_format_date(now, buyer.tz, day);

	/* unique per message: the Message-ID and the MIME boundary */
	unsigned char rnd[10];
	char token[40];
	if (sodium_init() < 0) {
		err_set(e, ERR_IO, "libsodium could not start");
		goto done;
	}
	randombytes_buf(rnd, sizeof rnd);
	struct buf hex = BUF_INIT;
	buf_addhex(&hex, rnd, sizeof rnd);
	snprintf(token, sizeof token, "%lld.%s", (long long)app->now, hex.data);
	buf_release(&hex);

	struct digest_input in = {
	    .agenda = &ag, .side = side, .name = name, .buyer = buyer.name, .from = from, .to = to,
	    .day = day, .now = app->now, .token = token,
	};
	struct buf msg = BUF_INIT;
	if (digest_build(&in, &msg, e)) {
		buf_release(&msg);
		goto done;
	}
	if (arg_str(a, "dry-run")) {
		fwrite(msg.data, 1, msg.len, app->out);
		r = 0;
	} else {
		struct mail_result res = {0};
		r = mail_send(url, cacert, from, to, msg.data, msg.len, retries, &res, e);
		if (r == 0 && app->json)
			cmd_print_json(app, json_pack("{s:s, s:I, s:i}", "to", to, "items", (json_int_t)ag.n, "attempts",
			                              res.attempts));
		else if (r == 0)
			fprintf(app->out, "sent the %s agenda (%zu item%s) to %s\n", side, ag.n, ag.n == 1 ? "" : "s", to);
	}
	buf_release(&msg);
done:
	agenda_release(&ag);
	return r;
}
