/* score_json.c - scores as JSON (score_json.h). */
#include "score_json.h"

#include <math.h>
#include <stdlib.h>

#include "calendar/day.h"

double score_round6(double x)
{
	return round(x * 1e6) / 1e6;
}

json_t *score_json(const struct trust_score *s)
{
	return json_pack("{s:f, s:f, s:f, s:f, s:I, s:s}", "score", score_round6(s->score), "uncertainty", score_round6(s->uncertainty),
	                 "low", score_round6(s->low), "sigma", score_round6(s->sigma), "evidence", (json_int_t)s->evidence, "band",
	                 trust_band(s));
}

static json_t *explain_json(const struct series_why *why)
{
	json_t *list = json_array();
	char date[11];
	for (size_t i = 0; i < why->n; i++) {
		const struct trust_item *it = &why->item[i];
		day_format(day_of_time(it->t), date);
		json_t *o = json_pack("{s:s, s:f, s:s}", "kind", trust_rules[it->rule].key, "contribution",
		                      score_round6(why->contribution[i]), "date", date);
		/* the event (or record) it comes from; derived evidence has none */
		json_object_set_new(o, "ref", it->ref > 0 ? json_integer(it->ref) : json_null());
		json_array_append_new(list, o);
	}
	return list;
}

json_t *score_result_json(const struct trust_result *r, const struct series_explain *ex)
{
	json_t *dirs = json_object();
	for (int d = 0; d < TRUST_NDIR; d++) {
		json_t *dims = json_object();
		for (int k = 0; k < TRUST_NDIM; k++) {
			json_t *s = score_json(&r->dim[d][k]);
			if (ex)
				json_object_set_new(s, "explain", explain_json(&ex->why[d][k]));
			json_object_set_new(dims, trust_dim_names[k], s);
		}
		json_object_set_new(dirs, trust_dir_names[d], json_pack("{s:o, s:o}", "overall", score_json(&r->overall[d]),
		                                                       "dimensions", dims));
	}
	return dirs;
}


int score_series(struct db *db, int64_t rel, int64_t from, int64_t to, enum series_step step, json_t **out,
                 struct err *e)
{
	int64_t *times;
	size_t n;
	series_times(from, to, step, &times, &n);
	struct trust_result *res = calloc(n ? n : 1, sizeof *res);
	if (!res)
		abort();
	if (series_scores(db, rel, times, n, res, NULL, e)) {
		free(times);
		free(res);
		return -1;
	}
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct trust_result *r = &res[i];
		char day[11];
		day_format(day_of_time(times[i]), day);
		json_t *row = json_pack("{s:s}", "date", day);
		for (int d = 0; d < TRUST_NDIR; d++) {
			json_t *o = score_json(&r->overall[d]);
			json_t *dims = json_object();
			for (int k = 0; k < TRUST_NDIM; k++)
				json_object_set_new(dims, trust_dim_names[k], json_real(score_round6(r->dim[d][k].score)));
			json_object_set_new(o, "dimensions", dims);
			json_object_set_new(row, trust_dir_names[d], o);
		}
		json_array_append_new(rows, row);
	}
	free(times);
	free(res);
	*out = rows;
	return 0;
}
