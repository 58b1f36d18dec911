/* score_json.h - a relationship's trust scores as JSON, the one shape
 * `rapport score --json` prints and the API answers: per direction
 * ("partner", "buyer") the overall score and each dimension's, each with
 * its uncertainty, band and evidence count, rounded to 6 places, and with
 * an explanation the top contributions (kind, contribution, date, ref). */
#ifndef RAPPORT_SCORE_JSON_H
#define RAPPORT_SCORE_JSON_H

#include <jansson.h>

#include "series.h"
#include "store/db.h"
#include "trust.h"

/* x rounded to 6 decimal places. */
double score_round6(double x);
/* One score: {score, uncertainty, low, sigma, evidence, band}. */
json_t *score_json(const struct trust_score *s);
/* A new object; ex may be NULL for no explanations. */
json_t *score_result_json(const struct trust_result *r, const struct series_explain *ex);

/* The series `rapport score --series` prints: a row per step from from to
 * to ({date, partner, buyer}: each direction's overall score with its
 * dimensions' scores) into *out, a new array. */
int score_series(struct db *db, int64_t rel, int64_t from, int64_t to, enum series_step step, json_t **out,
                 struct err *e);

#endif
