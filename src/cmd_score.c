/* cmd_score.c - `rapport score`: how trustworthy each side has been to
 * the other, per dimension, with uncertainty, explanations, as of any date
 * and as a series for charts. Numbers are rounded to 6 places on output. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "calendar/day.h"
#include "score_json.h"
#include "scores.h"
#include "series.h"
#include "store/parties.h"
#include "trust.h"
#include "util/time.h"

#define DAY 86400
#define EXPLAIN_TOP 3

static void text_row(struct app *app, const char *label, const struct trust_score *p, const struct trust_score *b)
{
	fprintf(app->out, "  %-15s %5.2f ±%4.2f  %-15s %5lld    %5.2f ±%4.2f  %-15s %5lld\n", label, p->score, p->sigma,
	        trust_band(p), (long long)p->evidence, b->score, b->sigma, trust_band(b), (long long)b->evidence);
}

static void text_explain(struct app *app, const struct series_explain *ex)
{
	char date[11];
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++) {
			const struct series_why *why = &ex->why[d][k];
			if (!why->n)
				continue;
			fprintf(app->out, "  %s, %s:\n", d == TRUST_PARTNER ? "the partner" : "the buyer", trust_dim_names[k]);
			for (size_t i = 0; i < why->n; i++) {
				const struct trust_item *it = &why->item[i];
				day_format(day_of_time(it->t), date);
				fprintf(app->out, "    %+6.2f  %s  %s", why->contribution[i], date, trust_rules[it->rule].key);
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
	struct trust_result r;
	struct series_explain ex = {.k = EXPLAIN_TOP}, *explain = arg_find(a, "explain") ? &ex : NULL;
	if (!arg_str(a, "as-of") && !explain) {
		/* now: from the projections, reading only the recent records */
		if (scores_at(app->db, p->id, &as_of, 1, &r, e))
			return -1;
	} else if (series_scores(app->db, p->id, &as_of, 1, &r, explain, e)) {
		/* as of a date, or explained: replay the evidence */
		return -1;
	}
	char day[11];
	day_format(day_of_time(as_of), day);
	if (all) {
		json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:o}", "partner", (json_int_t)p->id, "name", p->name,
		                                     "as_of", day, "directions", score_result_json(&r, explain)));
	} else {
		fprintf(app->out, "%s (partner %lld), as of %s\n", p->name, (long long)p->id, day);
		fprintf(app->out, "  %-15s %-37s %s\n", "", "the partner has been", "the buyer has been");
		fprintf(app->out, "  %-15s %-37s %s\n", "", "score ±sigma  band            items", "score ±sigma  band            items");
		text_row(app, "overall", &r.overall[TRUST_PARTNER], &r.overall[TRUST_BUYER]);
		for (int k = 0; k < TRUST_NDIM; k++)
			text_row(app, trust_dim_names[k], &r.dim[TRUST_PARTNER][k], &r.dim[TRUST_BUYER][k]);
		if (explain)
			text_explain(app, explain);
		fputc('\n', app->out);
	}
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
	enum series_step st;
	if (series_step_parse(step, &st))
		return err_set(e, ERR_INPUT, "--step: week or month, not \"%s\"", step);
	json_t *rows;
	if (score_series(app->db, p->id, from, to, st, &rows, e))
		return -1;
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
