/* trust.c - the trust engine: the weights table, Beta reputation with
 * exponential forgetting, explanations and bands (DESIGN.md sections 5, 7;
 * docs/trust.md). Pure: no SQL, no I/O, no allocation. The evidence comes
 * from evidence.c; the numbers from here. */
#include "trust.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const trust_dir_names[TRUST_NDIR] = {"partner", "buyer"};
const char *const trust_dim_names[TRUST_NDIM] = {"reliability", "communication", "transparency", "fairness",
                                                 "respect"};

/* The weights table. Negative evidence outweighs positive (trust is slow
 * to build and quick to lose) and a hidden problem outweighs everything. */
const struct trust_rule trust_rules[] = {
	{"commitment.kept", TRUST_RELIABILITY, 1.0, TRUST_POSITIVE,
	  "a promise kept on time is the basic unit of reliability", SCALE_NONE},
	{"commitment.late", TRUST_RELIABILITY, -1.0, TRUST_NEGATIVE,
	  "late costs more than on time earns, more for each week late, at most 2.5", SCALE_WEEKS_LATE},
	{"commitment.broken", TRUST_RELIABILITY, -4.0, TRUST_NEGATIVE,
	  "a broken promise undoes four kept ones", SCALE_NONE},
	{"commitment.renegotiated_early", TRUST_RELIABILITY, -0.25, TRUST_NEGATIVE,
	  "asking for a new date before the old one passed is honest, but still a slip", SCALE_NONE},
	{"update.on_time", TRUST_COMMUNICATION, 0.5, TRUST_POSITIVE,
	  "an update in its slot is routine: it counts, but little each time", SCALE_NONE},
	{"update.missed", TRUST_COMMUNICATION, -1.0, TRUST_NEGATIVE,
	  "a missed slot leaves the other side guessing: twice an on-time update", SCALE_NONE},
	{"contact.gap", TRUST_COMMUNICATION, -0.5, TRUST_NEGATIVE,
	  "each 30 days without contact beyond the agreed gap; both sides own a silence", SCALE_NONE},
	{"issue.self_disclosed", TRUST_TRANSPARENCY, 2.0, TRUST_POSITIVE,
	  "telling the other side about your own problem is the strongest sign of integrity", SCALE_NONE},
	{"issue.discovered", TRUST_TRANSPARENCY, -8.0, TRUST_HIDDEN,
	  "a hidden problem found by the other side costs most and is forgotten slowest", SCALE_NONE},
	{"issue.acked_in_sla", TRUST_TRANSPARENCY, 0.5, TRUST_POSITIVE,
	  "acknowledging a problem within the agreed time", SCALE_NONE},
	{"issue.ack_overdue", TRUST_TRANSPARENCY, -0.5, TRUST_NEGATIVE,
	  "a problem left unacknowledged past the agreed time", SCALE_NONE},
	{"issue.resolved", TRUST_TRANSPARENCY, 1.0, TRUST_POSITIVE,
	  "seeing a problem through to its resolution", SCALE_NONE},
	{"payment.on_time", TRUST_FAIRNESS, 1.0, TRUST_POSITIVE,
	  "paying on time is the buyer's basic promise", SCALE_NONE},
	{"payment.late", TRUST_FAIRNESS, -1.0, TRUST_NEGATIVE,
	  "a late payment strains a factory's cash: more for each fortnight, at most 4", SCALE_PAYMENT_LATE},
	{"spec.change_with_notice", TRUST_FAIRNESS, 0.5, TRUST_POSITIVE,
	  "a change outside the freeze window, or one the factory agreed to", SCALE_NONE},
	{"spec.change_in_freeze", TRUST_FAIRNESS, -1.5, TRUST_NEGATIVE,
	  "a sudden shift inside the freeze window without the factory's agreement", SCALE_NONE},
	{"spec.change_last_week", TRUST_FAIRNESS, -3.0, TRUST_NEGATIVE,
	  "the same within 7 days of production: materials are already cut", SCALE_NONE},
	{"visit", TRUST_RESPECT, 0.5, TRUST_POSITIVE, "going to see the factory floor", SCALE_NONE},
	{"person.met", TRUST_RESPECT, 0.5, TRUST_POSITIVE,
	  "each manager, line worker or QC inspector met in person", SCALE_NONE},
	{"suggestion.answered", TRUST_RESPECT, 0.5, TRUST_POSITIVE,
	  "a suggestion answered, adopted or declined with a reason", SCALE_NONE},
	{"suggestion.ignored", TRUST_RESPECT, -0.5, TRUST_NEGATIVE,
	  "a suggestion left unanswered for more than 30 days", SCALE_NONE},
	{"observance.acknowledged", TRUST_RESPECT, 0.5, TRUST_POSITIVE,
	  "a greeting for the other side's holiday or event", SCALE_NONE},
};

#define NRULES (sizeof trust_rules / sizeof trust_rules[0])
_Static_assert(NRULES <= TRUST_MAX_RULES, "raise TRUST_MAX_RULES");

const size_t trust_nrules = NRULES;

/* Beta prior: weight W = 2 at base rate a = 0.5 (no evidence gives 0.5). */
#define PRIOR_W 2.0
#define BASE_RATE 0.5

void trust_model_default(struct trust_model *m)
{
	memset(m, 0, sizeof *m);
	for (size_t i = 0; i < NRULES; i++)
		m->weight[i] = trust_rules[i].weight;
	m->half_life_days[TRUST_POSITIVE] = 180; /* good deeds fade in half a year */
	m->half_life_days[TRUST_NEGATIVE] = 270; /* bad ones are remembered longer */
	m->half_life_days[TRUST_HIDDEN] = 365;   /* a hidden problem for a year */
	static const double dims[TRUST_NDIM] = {0.30, 0.20, 0.20, 0.20, 0.10};
	memcpy(m->dim_weight, dims, sizeof dims);
}

int trust_rule_find(const char *key)
{
	for (size_t i = 0; i < NRULES; i++)
		if (!strcmp(trust_rules[i].key, key))
			return (int)i;
	return -1;
}

int trust_model_set(struct trust_model *m, const char *key, double value, struct err *e)
{
	static const char *const classes[TRUST_NCLASS] = {"half_life.positive", "half_life.negative",
	                                                  "half_life.hidden"};
	if (!isfinite(value))
		return err_set(e, ERR_INPUT, "%s: not a number", key);
	for (int c = 0; c < TRUST_NCLASS; c++) {
		if (strcmp(key, classes[c]))
			continue;
		/* the projection scales each item by 2^((t - epoch)/H) (trust.h):
		 * from 30 days that stays a finite double until 2100 */
		if (value < TRUST_MIN_HALF_LIFE || value > TRUST_MAX_HALF_LIFE)
			return err_set(e, ERR_INPUT, "%s: a half-life from %d to %d days", key, TRUST_MIN_HALF_LIFE,
			               TRUST_MAX_HALF_LIFE);
		m->half_life_days[c] = value;
		return 0;
	}
	if (!strncmp(key, "overall.", 8)) {
		for (int d = 0; d < TRUST_NDIM; d++) {
			if (strcmp(key + 8, trust_dim_names[d]))
				continue;
			if (value < 0 || value > 1)
				return err_set(e, ERR_INPUT, "%s: a share of the overall score from 0 to 1", key);
			m->dim_weight[d] = value;
			return 0;
		}
	}
	int i = trust_rule_find(key);
	if (i < 0)
		return err_set(e, ERR_INPUT, "%s: no such weight (see rapport weights)", key);
	double base = trust_rules[i].weight;
	if ((base > 0 && (value < 0 || value > 100)) || (base < 0 && (value > 0 || value < -100)))
		return err_set(e, ERR_INPUT, "%s: %s evidence keeps its sign: from %s to %s", key, base > 0 ? "good" : "bad",
		               base > 0 ? "0" : "-100", base > 0 ? "100" : "0");
	m->weight[i] = value;
	return 0;
}

int trust_item(const struct trust_model *m, const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref,
               struct trust_item *out, struct err *e)
{
	int i = trust_rule_find(key);
	if (i < 0)
		return err_set(e, ERR_INPUT, "%s: no such evidence", key);
	double w = m->weight[i];
	if (days < 0)
		days = 0;
	switch (trust_rules[i].scale) {
	case SCALE_NONE:
		break;
	case SCALE_WEEKS_LATE:
		w *= 1 + fmin(days / 7, 1.5);
		break;
	case SCALE_PAYMENT_LATE:
		w *= fmin(1 + days / 15, 4);
		break;
	}
	*out = (struct trust_item){.t = t, .ref = ref, .rule = i, .dir = dir, .w = fabs(w), .v = w >= 0 ? 1 : -1};
	return 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct trust_item *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule - y->rule;
	if (x->dir != y->dir)
		return (int)x->dir - (int)y->dir;
	/* two outcomes of one record at one instant (a derived item can share
	 * its ref): weight and value make the order total, so only identical
	 * items can tie, and their order changes no bit */
	if (x->w != y->w)
		return x->w < y->w ? -1 : 1;
	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return 0;
}

int trust_item_cmp(const struct trust_item *a, const struct trust_item *b)
{
	return item_cmp(a, b);
}

void trust_sort(struct trust_item *items, size_t n)
{
	if (n > 1)
		qsort(items, n, sizeof *items, item_cmp);
}

static enum trust_class class_of(const struct trust_item *it)
{
	if (trust_rules[it->rule].cls == TRUST_HIDDEN)
		return TRUST_HIDDEN;
	return it->v >= 0 ? TRUST_POSITIVE : TRUST_NEGATIVE;
}

/* 2^(-age / half-life): the share of an item's weight left after age. */
static double decay(const struct trust_model *m, enum trust_class c, int64_t age)
{
	return exp2(-(double)age / (m->half_life_days[c] * 86400.0));
}

double trust_contribution(const struct trust_model *m, const struct trust_item *it, int64_t as_of)
{
	return it->w * it->v * decay(m, class_of(it), as_of - it->t);
}

static void finish(struct trust_score *s)
{
	double total = s->r + s->s + PRIOR_W;
	double alpha = s->r + BASE_RATE * PRIOR_W, beta = s->s + (1 - BASE_RATE) * PRIOR_W;
	s->score = alpha / total;
	s->uncertainty = PRIOR_W / total;
	s->sigma = sqrt(alpha * beta / (total * total * (total + 1)));
	s->low = s->score - s->sigma > 0 ? s->score - s->sigma : 0;
}

/* Scores from decayed r and s already in out->dim (evidence counted). */
static void finish_all(const struct trust_model *m, struct trust_result *out)
{
	double total_weight = 0, share[TRUST_NDIM];
	for (int d = 0; d < TRUST_NDIM; d++)
		total_weight += m->dim_weight[d];
	/* shares that were all set to 0 would make every overall score 0 with
	 * no uncertainty, a fake verdict: count the dimensions equally instead */
	for (int d = 0; d < TRUST_NDIM; d++)
		share[d] = total_weight > 0 ? m->dim_weight[d] / total_weight : 1.0 / TRUST_NDIM;
	for (int dir = 0; dir < TRUST_NDIR; dir++) {
		struct trust_score *o = &out->overall[dir];
		double var = 0;
		for (int d = 0; d < TRUST_NDIM; d++) {
			struct trust_score *s = &out->dim[dir][d];
			finish(s);
			/* the overall score is the weighted mean of the dimensions; its
			 * uncertainty the weighted mean of theirs, and its sigma that of
			 * a weighted sum of independent Betas */
			double k = share[d];
			o->score += k * s->score;
			o->uncertainty += k * s->uncertainty;
			var += k * k * s->sigma * s->sigma;
			o->r += s->r;
			o->s += s->s;
			o->evidence += s->evidence;
		}
		o->sigma = sqrt(var);
		o->low = o->score - o->sigma > 0 ? o->score - o->sigma : 0;
	}
}

static void add_items(const struct trust_model *m, const struct trust_item *items, size_t n, int64_t as_of,
                      struct trust_result *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct trust_item *it = &items[i];
		if (it->t > as_of)
			continue;
		struct trust_score *s = &out->dim[it->dir][trust_rules[it->rule].dim];
		double w = it->w * decay(m, class_of(it), as_of - it->t);
		s->r += w * (1 + it->v) / 2;
		s->s += w * (1 - it->v) / 2;
		s->evidence++;
	}
}

void trust_compute(const struct trust_model *m, const struct trust_item *items, size_t n, int64_t as_of,
                   struct trust_result *out)
{
	memset(out, 0, sizeof *out);
	add_items(m, items, n, as_of, out);
	finish_all(m, out);
}

void trust_scaled(const struct trust_model *m, const struct trust_item *it, enum trust_class *cls, double *r, double *s)
{
	*cls = class_of(it);
	double w = it->w * exp2((double)(it->t - TRUST_EPOCH) / (m->half_life_days[*cls] * 86400.0));
	*r = w * (1 + it->v) / 2;
	*s = w * (1 - it->v) / 2;
}

void trust_sums_add(const struct trust_model *m, struct trust_sums *sums, const struct trust_item *it, int sign)
{
	enum trust_class c;
	double r, s;
	trust_scaled(m, it, &c, &r, &s);
	int dim = trust_rules[it->rule].dim;
	sums->r[it->dir][dim][c] += sign * r;
	sums->s[it->dir][dim][c] += sign * s;
	sums->n[it->dir][dim][c] += sign;
}

void trust_compute_sums(const struct trust_model *m, const struct trust_sums *sums, const struct trust_item *items,
                        size_t n, int64_t as_of, struct trust_result *out)
{
	memset(out, 0, sizeof *out);
	for (int dir = 0; dir < TRUST_NDIR; dir++)
		for (int d = 0; d < TRUST_NDIM; d++)
			for (int c = 0; c < TRUST_NCLASS; c++) {
				double f = exp2(-(double)(as_of - TRUST_EPOCH) / (m->half_life_days[c] * 86400.0));
				out->dim[dir][d].r += sums->r[dir][d][c] * f;
				out->dim[dir][d].s += sums->s[dir][d][c] * f;
				out->dim[dir][d].evidence += sums->n[dir][d][c];
			}
	add_items(m, items, n, as_of, out);
	finish_all(m, out);
}

size_t trust_explain(const struct trust_model *m, const struct trust_item *items, size_t n, int64_t as_of,
                     enum trust_dir dir, enum trust_dim dim, size_t *out, size_t k)
{
	/* a partial selection: keep the k largest |contribution| seen so far */
	size_t have = 0;
	double mag[64];
	if (k > 64)
		k = 64;
	for (size_t i = 0; i < n; i++) {
		const struct trust_item *it = &items[i];
		if (it->t > as_of || it->dir != dir || trust_rules[it->rule].dim != dim)
			continue;
		double c = fabs(trust_contribution(m, it, as_of));
		size_t pos = have < k ? have : k;
		while (pos > 0 && mag[pos - 1] < c)
			pos--;
		if (pos >= k)
			continue;
		size_t last = have < k ? have : k - 1;
		for (size_t j = last; j > pos; j--) {
			mag[j] = mag[j - 1];
			out[j] = out[j - 1];
		}
		mag[pos] = c;
		out[pos] = i;
		if (have < k)
			have++;
	}
	return have;
}

const char *trust_band(const struct trust_score *s)
{
	if (s->evidence == 0)
		return "no evidence";
	/* evidence weighing less than the prior says too little to judge by
	 * (for a dimension the same as u > 0.5) */
	if (s->r + s->s < PRIOR_W)
		return "little evidence";
	if (s->low < 0.3)
		return "critical";
	if (s->low < 0.5)
		return "at risk";
	return "ok";
}
