/* cmd_score.c - `rapport score`: how trustworthy each side has been to
 * the other, per dimension, with uncertainty, explanations, as of any date
 * and as a series for charts. Numbers are rounded to 6 places on output. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "evidence.h"
#include "project.h"
#include "scores.h"
#include "store/parties.h"
#include "trust.h"
#include "util/time.h"

#define DAY 86400
#define EXPLAIN_TOP 3

static double round6(double x)
{
	return round(x * 1e6) / 1e6;
}

static json_t *score_json(const struct trust_score *s)
{
	return json_pack("{s:f, s:f, s:f, s:f, s:I, s:s}", "score", round6(s->score), "uncertainty", round6(s->uncertainty),
	                 "low", round6(s->low), "sigma", round6(s->sigma), "evidence", (json_int_t)s->evidence, "band",
	                 trust_band(s));
}

static json_t *explain_json(const struct trust_model *m, const struct evidence *ev, int64_t as_of, int dir, int dim)
{
	size_t idx[EXPLAIN_TOP];
	size_t n = trust_explain(m, ev->items, ev->n, as_of, dir, dim, idx, EXPLAIN_TOP);
	json_t *list = json_array();
	char date[21];
	for (size_t i = 0; i < n; i++) {
		const struct trust_item *it = &ev->items[idx[i]];
		time_format_utc(it->t, date);
		date[10] = '\0';
		json_t *o = json_pack("{s:s, s:f, s:s}", "kind", trust_rules[it->rule].key, "contribution",
		                      round6(trust_contribution(m, it, as_of)), "date", date);
		/* the event (or record) it comes from; derived evidence has none */
		json_object_set_new(o, "ref", it->ref > 0 ? json_integer(it->ref) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *result_json(const struct trust_model *m, const struct evidence *ev, const struct trust_result *r,
                           int64_t as_of, int explain)
{
	json_t *dirs = json_object();
	for (int d = 0; d < TRUST_NDIR; d++) {
		json_t *dims = json_object();
		for (int k = 0; k < TRUST_NDIM; k++) {
			json_t *s = score_json(&r->dim[d][k]);
			if (explain)
				json_object_set_new(s, "explain", explain_json(m, ev, as_of, d, k));
			json_object_set_new(dims, trust_dim_names[k], s);
		}
		json_object_set_new(dirs, trust_dir_names[d], json_pack("{s:o, s:o}", "overall", score_json(&r->overall[d]),
		                                                       "dimensions", dims));
	}
	return dirs;
}

static void text_row(struct app *app, const char *label, const struct trust_score *p, const struct trust_score *b)
{
	fprintf(app->out, "  %-15s %5.2f ±%4.2f  %-15s %5lld    %5.2f ±%4.2f  %-15s %5lld\n", label, p->score, p->sigma,
	        trust_band(p), (long long)p->evidence, b->score, b->sigma, trust_band(b), (long long)b->evidence);
}

static void text_explain(struct app *app, const struct trust_model *m, const struct evidence *ev, int64_t as_of)
{
	char date[21];
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++) {
			size_t idx[EXPLAIN_TOP];
			size_t n = trust_explain(m, ev->items, ev->n, as_of, d, k, idx, EXPLAIN_TOP);
			if (!n)
				continue;
			fprintf(app->out, "  %s, %s:\n", d == TRUST_PARTNER ? "the partner" : "the buyer", trust_dim_names[k]);
			for (size_t i = 0; i < n; i++) {
				const struct trust_item *it = &ev->items[idx[i]];
				time_format_utc(it->t, date);
				date[10] = '\0';
				fprintf(app->out, "    %+6.2f  %s  %s", trust_contribution(m, it, as_of), date, trust_rules[it->rule].key);
				if (it->ref > 0)
					fprintf(app->out, " (#%lld)", (long long)it->ref);
				fputc('\n', app->out);
			}
		}
}

/* The end of a date (23:59:59 UTC), or now. */
static int as_of_arg(struct app *app, const char *v, const char *opt, int64_t *out, struct err *e)
{
	int y, m, d;
	if (!v) {
		*out = app->now;
		return 0;
	}
	if (time_parse_date(v, opt, &y, &m, &d, e))
		return -1;
	*out = time_date_utc(v) + DAY - 1;
	return 0;
}

static int score_one(struct app *app, const args_t *a, const struct party *p, int64_t as_of, json_t *all,
                     struct err *e)
{
	struct evidence ev = {0};
	struct trust_result r;
	struct trust_model model;
	const struct trust_model *m = &model;
	int explain = arg_find(a, "explain") != NULL;
	if (project_model(app->db, p->id, as_of, &model, e))
		return -1;
	if (!arg_str(a, "as-of") && !explain) {
		/* now: from the projections, reading only the recent records */
		if (scores_at(app->db, p->id, &as_of, 1, &r, e))
			return -1;
	} else {
		/* as of a date, or explained: replay the evidence */
		if (evidence_collect(app->db, m, p->id, as_of, &ev, e)) {
			evidence_release(&ev);
			return -1;
		}
		trust_compute(m, ev.items, ev.n, as_of, &r);
	}
	char day[11];
	time_format_date(as_of, "UTC", day);
	if (all) {
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:o}", "partner", (json_int_t)p->id, "name", p->name,
		                                     "as_of", day, "directions", result_json(m, &ev, &r, as_of, explain)));
	} else {
		fprintf(app->out, "%s (partner %lld), as of %s\n", p->name, (long long)p->id, day);
		fprintf(app->out, "  %-15s %-37s %s\n", "", "the partner has been", "the buyer has been");
		fprintf(app->out, "  %-15s %-37s %s\n", "", "score ±sigma  band            items", "score ±sigma  band            items");
		text_row(app, "overall", &r.overall[TRUST_PARTNER], &r.overall[TRUST_BUYER]);
		for (int k = 0; k < TRUST_NDIM; k++)
			text_row(app, trust_dim_names[k], &r.dim[TRUST_PARTNER][k], &r.dim[TRUST_BUYER][k]);
		if (explain)
			text_explain(app, m, &ev, as_of);
		fputc('\n', app->out);
	}
	evidence_release(&ev);
	return 0;
}

struct each_ctx {
	struct app *app;
	const args_t *a;
	int64_t as_of;
	json_t *all;
	struct err *e;
};

static int each_partner(void *p, const struct party *party)
{
	struct each_ctx *c = p;
	return score_one(c->app, c->a, party, c->as_of, c->all, c->e);
}

/* Overall scores of both directions at each step from --from to --to. */
static int series(struct app *app, const args_t *a, const struct party *p, struct err *e)
{
	int64_t from, to;
	if (!arg_str(a, "from") || !arg_str(a, "to"))
		return err_set(e, ERR_INPUT, "--series: needs --from DATE and --to DATE");
	if (as_of_arg(app, arg_str(a, "from"), "--from", &from, e) || as_of_arg(app, arg_str(a, "to"), "--to", &to, e))
		return -1;
	if (to < from)
		return err_set(e, ERR_INPUT, "--to: before --from");
	const char *step = arg_str(a, "step") ? arg_str(a, "step") : "week";
	if (strcmp(step, "week") && strcmp(step, "month"))
		return err_set(e, ERR_INPUT, "--step: week or month, not \"%s\"", step);
	json_t *rows = json_array();
	struct evidence ev = {0};
	int rc = 0, months = 0;
	for (int64_t t = from; t <= to && rc == 0;) {
		struct trust_result r;
		struct trust_model m;
		rc = project_model(app->db, p->id, t, &m, e);
		if (rc == 0)
			rc = evidence_collect(app->db, &m, p->id, t, &ev, e);
		if (rc)
			break;
		trust_compute(&m, ev.items, ev.n, t, &r);
		char day[11];
		time_format_date(t, "UTC", day);
		json_t *row = json_pack("{s:s}", "date", day);
		for (int d = 0; d < TRUST_NDIR; d++) {
			json_t *o = score_json(&r.overall[d]);
			json_t *dims = json_object();
			for (int k = 0; k < TRUST_NDIM; k++)
				json_object_set_new(dims, trust_dim_names[k], json_real(round6(r.dim[d][k].score)));
			json_object_set_new(o, "dimensions", dims);
			json_object_set_new(row, trust_dir_names[d], o);
		}
		json_array_append_new(rows, row);
		if (!strcmp(step, "week")) {
			t += 7 * DAY;
		} else { /* the same day of the next month, clamped */
			int y, mo, d, w;
			time_local_date(from, "UTC", &y, &mo, &d, &w);
			months++;
			int ny = y + (mo - 1 + months) / 12, nm = (mo - 1 + months) % 12 + 1;
			char date[32];
			snprintf(date, sizeof date, "%04d-%02d-%02d", ny % 10000, nm % 100, d > 28 ? 28 : d);
			t = time_date_utc(date) + DAY - 1;
		}
	}
	evidence_release(&ev);
	if (rc) {
		json_decref(rows);
		return -1;
	}
	if (app->json) {
		cmd_print_json(app, json_pack("{s:I, s:s, s:o}", "partner", (json_int_t)p->id, "step", step, "series", rows));
		return 0;
	}
	fprintf(app->out, "%s (partner %lld): overall scores\n  %-10s  %-18s  %s\n", p->name, (long long)p->id, "date",
	        "the partner", "the buyer");
	for (size_t i = 0; i < json_array_size(rows); i++) {
		json_t *row = json_array_get(rows, i);
		json_t *pa = json_object_get(json_object_get(row, "partner"), "score");
		json_t *bu = json_object_get(json_object_get(row, "buyer"), "score");
		fprintf(app->out, "  %-10s  %-18.3f  %.3f\n", json_string_value(json_object_get(row, "date")),
		        json_real_value(pa), json_real_value(bu));
	}
	json_decref(rows);
	return 0;
}

int cmd_score(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel = 0, as_of;
	struct party p;
	if (arg_str(a, "partner") && (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e)))
		return -1;
	if (arg_find(a, "series")) {
		if (!rel)
			return err_set(e, ERR_INPUT, "--series: needs --partner ID");
		return series(app, a, &p, e);
	}
	if (as_of_arg(app, arg_str(a, "as-of"), "--as-of", &as_of, e))
		return -1;
	json_t *all = app->json ? json_array() : NULL;
	int r;
	if (rel) {
		r = score_one(app, a, &p, as_of, all, e);
	} else {
		struct each_ctx c = {app, a, as_of, all, e};
		r = store_partner_each(app->db, each_partner, &c, e);
	}
	if (r) {
		json_decref(all);
		return -1;
	}
	if (all) {
		/* one partner: its object; every partner: the list */
		if (rel) {
			json_t *one = json_incref(json_array_get(all, 0));
			json_decref(all);
			all = one;
		}
		cmd_print_json(app, all);
	}
	return 0;
}
