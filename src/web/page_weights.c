/* page_weights.c - GET and POST /settings/weights: the buyer's admins
 * change one of the trust model's weights or half-lives, recorded as a
 * weights.set event in every partner's record in one transaction, exactly
 * as `rapport weights set KEY VALUE` records it (record.c, event.c,
 * project.c check it), so each side sees which model its scores were
 * computed by. A refusal shows the form again with the message beside its
 * field and what was typed kept. A partner's users and the buyer's other
 * roles get 403: the model weighs every relationship. */
#include <stdio.h>
#include <string.h>

#include "project.h"
#include "record.h"
#include "store/parties.h"
#include "trust.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

struct form_ctx {
	const char *key, *value; /* typed; NULL on a GET */
	char err_field[16];
	const char *err_msg, *notice;
};

/* The keys a weights.set names (trust.c's rules, the half-lives, the
 * dimensions' shares), value and label alike, NULL-terminated. */
static const char *const *key_options(struct req *r)
{
	static const char *const classes[] = {"half_life.positive", "half_life.negative", "half_life.hidden"};
	size_t n = trust_nrules + TRUST_NCLASS + TRUST_NDIM, k = 0;
	const char **o = h2o_mem_alloc_pool(r->pool, sizeof *o * (2 * n + 1));
	for (size_t i = 0; i < trust_nrules; i++)
		o[k++] = trust_rules[i].key, o[k++] = trust_rules[i].key;
	for (int c = 0; c < TRUST_NCLASS; c++)
		o[k++] = classes[c], o[k++] = classes[c];
	for (int d = 0; d < TRUST_NDIM; d++) {
		char *key = h2o_mem_alloc_pool(r->pool, 32);
		snprintf(key, 32, "overall.%s", trust_dim_names[d]);
		o[k++] = key, o[k++] = key;
	}
	o[k] = NULL;
	return o;
}

/* 1 when the user may change the weights; else the request fails with 403. */
static int allowed(struct req *r, struct err *e)
{
	if (!r->session->partner && session_can_admin(r->session))
		return 1;
	web_fail(r, e, 403, "%s", _("The trust model's weights are changed by the buyer's admins."));
	return 0;
}

static void form_page(struct req *r, struct form_ctx *c, int status)
{
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Change a weight"));
	html_printf(&h, "<p><a href=\"/settings#weights\">%h</a></p>\n<h1>%h</h1>\n<p>%h</p>\n", _("Settings"),
	            _("Change a weight"),
	            _("The change is recorded in every partner's record, so each side sees which weights its scores "
	              "were computed by. The table on the settings page shows each weight now and by default."));
	if (c->notice)
		layout_notice(&h, c->notice);
	layout_form_begin(&h, r, "/settings/weights");
	layout_field(&h, &(struct layout_field){.name = "key", .label = _("Weight"), .type = "select", .value = c->key,
	                                        .options = key_options(r), .required = 1,
	                                        .error = c->err_msg && !strcmp(c->err_field, "key") ? c->err_msg : NULL});
	layout_field(&h, &(struct layout_field){.name = "value", .label = _("New value"), .type = "text", .value = c->value,
	                                        .required = 1,
	                                        .hint = _("A number: a weight (e.g. -3 or 1.5), a half-life in days, or a "
	                                                  "share of the overall score."),
	                                        .error = c->err_msg && !strcmp(c->err_field, "value") ? c->err_msg : NULL});
	html_printf(&h, "<button type=\"submit\">%h</button>\n", _("Record the change"));
	layout_form_end(&h);
	layout_end(&h, r);
	req_send_html(r, status, &h);
}

int page_weights(struct req *r, struct err *e)
{
	if (!allowed(r, e))
		return -1;
	struct form_ctx c = {0};
	form_page(r, &c, 200);
	return 0;
}

static const char *typed(void *ctx, const struct field *f, char *label, size_t size)
{
	const struct form_ctx *c = ctx;
	snprintf(label, size, "%s", f->name);
	const char *v = !strcmp(f->name, "key") ? c->key : !strcmp(f->name, "value") ? c->value : NULL;
	return v && *v ? v : NULL;
}

struct append {
	struct ledger_entry in;
	struct web_tx *tx;
	int64_t count;
	struct err *e;
};

static int append_one(void *ctx, const struct party *p)
{
	struct append *a = ctx;
	int64_t id;
	if (record_append(a->tx->ledger, p->id, &a->in, &a->tx->warnings, &id, a->e))
		return -1;
	a->count++;
	return 0;
}

/* One weights.set in every partner's record, in the writer's transaction. */
static int do_append(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	(void)r;
	struct append *a = ctx;
	a->in.at = a->in.recorded = tx->now;
	a->tx = tx;
	a->e = e;
	if (store_partner_each(tx->db, append_one, a, e))
		return -1;
	return a->count ? 0 : err_set(e, ERR_INPUT, "%s", _("There are no partners yet: a change is recorded in each "
	                                                    "partner's record."));
}

static int refused(struct req *r, struct form_ctx *c, const struct err *e)
{
	char field[16];
	const char *msg = layout_error_split(e->msg, field, sizeof field);
	if (!strcmp(field, "key") || !strcmp(field, "value")) {
		snprintf(c->err_field, sizeof c->err_field, "%s", field);
		c->err_msg = msg;
		c->notice = _("The weight was not changed: see the message below.");
	} else {
		c->notice = e->msg;
	}
	form_page(r, c, 400);
	return 0;
}

int page_weights_post(struct req *r, struct err *e)
{
	if (!allowed(r, e))
		return -1;
	struct form_ctx c = {.key = form_get(&r->form, "key"), .value = form_get(&r->form, "value")};
	json_t *body;
	struct err bad = {0};
	if (record_body(event_kind_find("weights.set"), typed, &c, &body, &bad))
		return refused(r, &c, &bad);
	struct append a = {.in = {.kind = "weights.set", .side = "buyer", .author = r->session->email, .body = body}};
	int rc = web_write(r, do_append, &a, NULL, &bad);
	json_decref(body);
	if (rc) {
		if (bad.code != ERR_INPUT) {
			*e = bad;
			return -1;
		}
		return refused(r, &c, &bad);
	}
	web_redirect(r, "/settings#weights");
	return 0;
}
