/* trust.h - the trust engine: evidence items in, per-direction and
 * per-dimension Beta reputation scores with forgetting out (DESIGN.md
 * sections 5 and 7). Pure C: no SQL, no I/O, no allocation. */
#ifndef RAPPORT_TRUST_H
#define RAPPORT_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* Whose trustworthiness an item is evidence of. */
enum trust_dir {
	TRUST_PARTNER, /* how trustworthy the partner has been to the buyer */
	TRUST_BUYER,   /* how trustworthy the buyer has been to the partner */
	TRUST_NDIR,
};

enum trust_dim {
	TRUST_RELIABILITY,
	TRUST_COMMUNICATION,
	TRUST_TRANSPARENCY,
	TRUST_FAIRNESS,
	TRUST_RESPECT,
	TRUST_NDIM,
};

/* Forgetting classes, each with its half-life. */
enum trust_class {
	TRUST_POSITIVE,
	TRUST_NEGATIVE,
	TRUST_HIDDEN, /* a problem hidden and then discovered: forgotten slowest */
	TRUST_NCLASS,
};

/* How a rule's weight grows with lateness (days). */
enum trust_scale {
	SCALE_NONE,
	SCALE_WEEKS_LATE,   /* x (1 + min(d/7, 1.5)): each week late adds, at most 2.5x */
	SCALE_PAYMENT_LATE, /* x min(1 + d/15, 4): each fortnight adds, at most 4x */
};

/* One row of the weights table (trust.c): an outcome and what it weighs. */
struct trust_rule {
	const char *key;       /* "commitment.kept", ... */
	enum trust_dim dim;
	double weight;         /* > 0 good, < 0 bad; scaled rules give the base */
	enum trust_class cls;
	const char *reason;    /* why this value: one line */
	enum trust_scale scale;
};

extern const struct trust_rule trust_rules[];
extern const size_t trust_nrules;
extern const char *const trust_dir_names[TRUST_NDIR];  /* "partner", "buyer" */
extern const char *const trust_dim_names[TRUST_NDIM];  /* "reliability", ... */

#define TRUST_MAX_RULES 32

/* The weights in force: the defaults, changed per buyer by `rapport weights`. */
struct trust_model {
	double weight[TRUST_MAX_RULES];       /* by rule index */
	double half_life_days[TRUST_NCLASS];
	double dim_weight[TRUST_NDIM];        /* shares of the overall score, divided
	                                       * by their sum; all 0 counts the
	                                       * dimensions equally */
};

/* Half-lives allowed, in days. The floor keeps the epoch-scaled sums of
 * the projection finite: for t before 2100 and H >= 30 days an item's
 * w * 2^((t - TRUST_EPOCH) / H) is below 400 * 2^974 < 2^983, room for
 * 2^40 items under DBL_MAX; at H = 1 day it overflowed by 2023. */
#define TRUST_MIN_HALF_LIFE 30
#define TRUST_MAX_HALF_LIFE 3650

void trust_model_default(struct trust_model *m);
/* Changes one value: a rule key ("payment.on_time"), "half_life.positive",
 * "half_life.negative", "half_life.hidden" or "overall.<dimension>".
 * Errors name the key and the allowed range. */
int trust_model_set(struct trust_model *m, const char *key, double value, struct err *e);
/* Index of a rule key, or -1. */
int trust_rule_find(const char *key);

/* One piece of evidence. w > 0; v in [-1, 1] (1 fully good, -1 fully bad):
 * it adds w(1+v)/2 to r and w(1-v)/2 to s, decayed from t. */
struct trust_item {
	int64_t t;        /* seconds UTC */
	int64_t ref;      /* the event (or entity) it comes from, for explanations */
	int rule;         /* index into trust_rules */
	enum trust_dir dir;
	double w, v;
};

/* Builds the item for rule key with the model's weight; `days` scales the
 * rules that depend on how late something was (0 otherwise). dir is the
 * side that owned the promise (or the problem, the payment, the visit):
 * the evidence is about that side's trustworthiness to the other. */
int trust_item(const struct trust_model *m, const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref,
               struct trust_item *out, struct err *e);

/* The canonical order (time, ref, rule, direction, weight, value) in
 * which items are summed: a total order, so that any insertion order gives
 * the same bits (items equal in all six are interchangeable). */
void trust_sort(struct trust_item *items, size_t n);
/* That order as a comparison: < 0, 0 (interchangeable items) or > 0. */
int trust_item_cmp(const struct trust_item *a, const struct trust_item *b);

struct trust_score {
	double score;       /* E, in [0, 1] */
	double uncertainty; /* u = W / (r + s + W) */
	double sigma;       /* standard deviation of the Beta */
	double low;         /* max(0, E - sigma) */
	double r, s;        /* decayed positive and negative weight */
	int64_t evidence;   /* items counted */
};

struct trust_result {
	struct trust_score dim[TRUST_NDIR][TRUST_NDIM];
	struct trust_score overall[TRUST_NDIR];
};

/* Scores as of `as_of` from the items with t <= as_of, summed in the order
 * given (sort them first with trust_sort). O(n), no allocation. */
void trust_compute(const struct trust_model *m, const struct trust_item *items, size_t n, int64_t as_of,
                   struct trust_result *out);

/* Running sums for the current-scores projection: each item's r and s
 * scaled to a fixed epoch (2020-01-01), 2^((t - epoch) / H), so adding one
 * is O(1) and the sums decay to any time by one factor per class. */
#define TRUST_EPOCH 1577836800

struct trust_sums {
	double r[TRUST_NDIR][TRUST_NDIM][TRUST_NCLASS];
	double s[TRUST_NDIR][TRUST_NDIM][TRUST_NCLASS];
	int64_t n[TRUST_NDIR][TRUST_NDIM][TRUST_NCLASS];
};

/* The class and epoch-scaled r and s of one item. */
void trust_scaled(const struct trust_model *m, const struct trust_item *it, enum trust_class *cls, double *r, double *s);
/* Adds (sign 1) or removes (sign -1) an item. */
void trust_sums_add(const struct trust_model *m, struct trust_sums *sums, const struct trust_item *it, int sign);
/* Scores as of as_of from the sums plus further items (t <= as_of). */
void trust_compute_sums(const struct trust_model *m, const struct trust_sums *sums, const struct trust_item *items,
                        size_t n, int64_t as_of, struct trust_result *out);

/* What one item contributes now: decayed weight signed by its outcome. */
double trust_contribution(const struct trust_model *m, const struct trust_item *it, int64_t as_of);

/* The k items that moved (dir, dim) most as of as_of, largest |contribution|
 * first; returns how many were written to out (indexes into items). */
size_t trust_explain(const struct trust_model *m, const struct trust_item *items, size_t n, int64_t as_of,
                     enum trust_dir dir, enum trust_dim dim, size_t *out, size_t k);

/* "no evidence" without any, "little evidence" while its decayed weight
 * r + s is less than the prior's (u > 0.5); else by the low bound:
 * "critical" below 0.3, "at risk" below 0.5, "ok" from 0.5. Shown, never
 * blocking. */
const char *trust_band(const struct trust_score *s);

#endif
