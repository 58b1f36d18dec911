/* test_trust.c - the trust engine against values worked out by hand
 * (each test shows its arithmetic). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trust.h"

#define DAY 86400
#define T0 1764547200 /* 2025-12-01T00:00:00Z */
#define EPS 1e-9

static struct trust_model m;

static void setup(void)
{
	trust_model_default(&m);
}

TestSuite(trust, .init = setup);

static struct trust_item item(const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref)
{
	struct trust_item it;
	struct err e = {0};
	cr_assert(trust_item(&m, key, dir, t, days, ref, &it, &e) == 0, "%s", e.msg);
	return it;
}

#define near(a, b) cr_expect(fabs((a) - (b)) < EPS, "%s = %.12f, want %.12f", #a, (double)(a), (double)(b))

Test(trust, no_evidence_is_the_prior_with_full_uncertainty)
{
	struct trust_result r;
	trust_compute(&m, NULL, 0, T0, &r);
	const struct trust_score *s = &r.dim[TRUST_PARTNER][TRUST_RELIABILITY];
	/* E = (0 + 0.5*2)/(0 + 0 + 2) = 0.5; u = 2/2 = 1;
	 * Beta(1,1): var = 1*1/(2^2 * 3) = 1/12 */
	near(s->score, 0.5);
	near(s->uncertainty, 1.0);
	near(s->sigma, sqrt(1.0 / 12));
	cr_expect_eq(s->evidence, 0);
	cr_expect_str_eq(trust_band(s), "no evidence");
	near(r.overall[TRUST_BUYER].score, 0.5);
	near(r.overall[TRUST_BUYER].uncertainty, 1.0);
}

Test(trust, a_single_kept_promise)
{
	struct trust_item it = item("commitment.kept", TRUST_PARTNER, T0, 0, 1);
	struct trust_result r;
	trust_compute(&m, &it, 1, T0, &r);
	const struct trust_score *s = &r.dim[TRUST_PARTNER][TRUST_RELIABILITY];
	/* r = 1: E = (1 + 1)/(1 + 0 + 2) = 2/3; u = 2/3;
	 * Beta(2, 1): var = 2*1/(3^2 * 4) = 1/18; low = 2/3 - sqrt(1/18) */
	near(s->r, 1.0);
	near(s->score, 2.0 / 3);
	near(s->uncertainty, 2.0 / 3);
	near(s->sigma, sqrt(1.0 / 18));
	near(s->low, 2.0 / 3 - sqrt(1.0 / 18));
	cr_expect_eq(s->evidence, 1);
	cr_expect_str_eq(trust_band(s), "little evidence", "u = 2/3: one promise says little yet");
	/* the other direction saw nothing */
	near(r.dim[TRUST_BUYER][TRUST_RELIABILITY].score, 0.5);
	/* overall = 0.3 * 2/3 + 0.7 * 0.5 = 0.55; u = 0.3 * 2/3 + 0.7 * 1 = 0.9;
	 * sigma^2 = 0.3^2/18 + (0.2^2 * 3 + 0.1^2)/12 = 0.005 + 0.13/12 */
	near(r.overall[TRUST_PARTNER].score, 0.55);
	near(r.overall[TRUST_PARTNER].uncertainty, 0.9);
	near(r.overall[TRUST_PARTNER].sigma, sqrt(0.005 + 0.13 / 12));
}

Test(trust, one_half_life_later_the_weight_is_halved)
{
	struct trust_item it = item("commitment.kept", TRUST_PARTNER, T0, 0, 1);
	struct trust_result r;
	trust_compute(&m, &it, 1, T0 + 180 * DAY, &r);
	const struct trust_score *s = &r.dim[TRUST_PARTNER][TRUST_RELIABILITY];
	/* r = 0.5: E = 1.5/2.5 = 0.6, u = 2/2.5 = 0.8 */
	near(s->r, 0.5);
	near(s->score, 0.6);
	near(s->uncertainty, 0.8);
	/* negative evidence halves in 270 days, a hidden problem in 365 */
	struct trust_item bad = item("commitment.broken", TRUST_PARTNER, T0, 0, 2);
	trust_compute(&m, &bad, 1, T0 + 270 * DAY, &r);
	near(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].s, 2.0);
	struct trust_item hidden = item("issue.discovered", TRUST_PARTNER, T0, 0, 3);
	trust_compute(&m, &hidden, 1, T0 + 365 * DAY, &r);
	near(r.dim[TRUST_PARTNER][TRUST_TRANSPARENCY].s, 4.0);
}

Test(trust, a_partial_outcome_splits_its_weight)
{
	struct trust_item it = {.t = T0, .ref = 1, .rule = trust_rule_find("commitment.kept"), .dir = TRUST_PARTNER,
	                        .w = 2, .v = 0.5};
	struct trust_result r;
	trust_compute(&m, &it, 1, T0, &r);
	const struct trust_score *s = &r.dim[TRUST_PARTNER][TRUST_RELIABILITY];
	/* r = 2 * 1.5/2 = 1.5, s = 2 * 0.5/2 = 0.5: E = 2.5/4 = 0.625, u = 0.5 */
	near(s->r, 1.5);
	near(s->s, 0.5);
	near(s->score, 0.625);
	near(s->uncertainty, 0.5);
	/* Beta(2.5, 1.5): var = 3.75/(16 * 5) */
	near(s->sigma, sqrt(3.75 / 80));
}

Test(trust, lateness_scales_the_weight_as_documented)
{
	/* commitment late by d days: -(1 + min(d/7, 1.5)) */
	near(item("commitment.late", TRUST_PARTNER, T0, 0, 1).w, 1.0);
	near(item("commitment.late", TRUST_PARTNER, T0, 3, 1).w, 1 + 3.0 / 7);
	near(item("commitment.late", TRUST_PARTNER, T0, 7, 1).w, 2.0);
	near(item("commitment.late", TRUST_PARTNER, T0, 30, 1).w, 2.5);
	cr_expect_eq(item("commitment.late", TRUST_PARTNER, T0, 3, 1).v, -1);
	/* payment late by d days: -min(1 + d/15, 4) */
	near(item("payment.late", TRUST_BUYER, T0, 10, 1).w, 1 + 10.0 / 15);
	near(item("payment.late", TRUST_BUYER, T0, 45, 1).w, 4.0);
	near(item("payment.late", TRUST_BUYER, T0, 90, 1).w, 4.0);
	near(item("payment.on_time", TRUST_BUYER, T0, 0, 1).w, 1.0);
}

Test(trust, trust_is_lost_faster_than_it_is_earned)
{
	/* one kept and one late by a week: r = 1, s = 2: E = 2/5 = 0.4 < 0.5 */
	struct trust_item its[] = {item("commitment.kept", TRUST_PARTNER, T0, 0, 1),
	                           item("commitment.late", TRUST_PARTNER, T0, 7, 2)};
	struct trust_result r;
	trust_compute(&m, its, 2, T0, &r);
	near(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].score, 0.4);
}

Test(trust, a_hidden_problem_costs_more_and_for_longer_than_a_disclosed_one)
{
	struct trust_item disclosed = item("issue.self_disclosed", TRUST_PARTNER, T0, 0, 1);
	struct trust_item hidden = item("issue.discovered", TRUST_PARTNER, T0, 0, 1);
	struct trust_result a, b;
	for (int months = 0; months <= 12; months += 3) {
		int64_t t = T0 + months * 30 * DAY;
		trust_compute(&m, &disclosed, 1, t, &a);
		trust_compute(&m, &hidden, 1, t, &b);
		cr_expect_gt(a.dim[TRUST_PARTNER][TRUST_TRANSPARENCY].score, 0.5);
		cr_expect_lt(b.dim[TRUST_PARTNER][TRUST_TRANSPARENCY].score, 0.25, "month %d", months);
	}
	/* after six months: s = 8 * 2^(-180/365); E = 1/(s + 2) */
	trust_compute(&m, &hidden, 1, T0 + 180 * DAY, &b);
	double s = 8 * exp2(-180.0 / 365);
	near(b.dim[TRUST_PARTNER][TRUST_TRANSPARENCY].score, 1 / (s + 2));
}

Test(trust, future_items_do_not_count_as_of_an_earlier_date)
{
	struct trust_item its[] = {item("commitment.kept", TRUST_PARTNER, T0, 0, 1),
	                           item("commitment.broken", TRUST_PARTNER, T0 + 10 * DAY, 0, 2)};
	struct trust_result r;
	trust_compute(&m, its, 2, T0 + 5 * DAY, &r);
	cr_expect_eq(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].evidence, 1);
	near(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].s, 0);
}

Test(trust, any_insertion_order_gives_the_same_bits_once_sorted)
{
	static const char *const keys[] = {"commitment.kept", "commitment.late", "update.on_time", "payment.late",
	                                   "issue.self_disclosed", "visit", "update.missed", "contact.gap"};
	struct trust_item a[400], b[400];
	srand(7);
	for (int i = 0; i < 400; i++)
		a[i] = item(keys[i % 8], i % 3 ? TRUST_PARTNER : TRUST_BUYER, T0 + (int64_t)(rand() % 700) * DAY / 2,
		            rand() % 20, i);
	memcpy(b, a, sizeof a);
	for (int i = 399; i > 0; i--) { /* shuffle b */
		int j = rand() % (i + 1);
		struct trust_item t = b[i];
		b[i] = b[j];
		b[j] = t;
	}
	trust_sort(a, 400);
	trust_sort(b, 400);
	struct trust_result ra, rb;
	trust_compute(&m, a, 400, T0 + 400 * DAY, &ra);
	trust_compute(&m, b, 400, T0 + 400 * DAY, &rb);
	cr_expect(memcmp(&ra, &rb, sizeof ra) == 0, "the results differ in some bit");
}

Test(trust, explanations_list_the_largest_contributions_first)
{
	struct trust_item its[] = {
		item("commitment.kept", TRUST_PARTNER, T0, 0, 10),        /* +1 * 2^(-30/180) */
		item("commitment.broken", TRUST_PARTNER, T0 + 20 * DAY, 0, 11), /* -4 * 2^(-10/270) */
		item("commitment.late", TRUST_PARTNER, T0 + 25 * DAY, 7, 12),   /* -2 * 2^(-5/270) */
		item("payment.on_time", TRUST_BUYER, T0, 0, 13),          /* another direction */
	};
	size_t idx[3];
	size_t n = trust_explain(&m, its, 4, T0 + 30 * DAY, TRUST_PARTNER, TRUST_RELIABILITY, idx, 3);
	cr_assert_eq(n, 3);
	cr_expect_eq(its[idx[0]].ref, 11);
	cr_expect_eq(its[idx[1]].ref, 12);
	cr_expect_eq(its[idx[2]].ref, 10);
	near(trust_contribution(&m, &its[idx[0]], T0 + 30 * DAY), -4 * exp2(-10.0 / 270));
	near(trust_contribution(&m, &its[idx[2]], T0 + 30 * DAY), exp2(-30.0 / 180));
	cr_expect_eq(trust_explain(&m, its, 4, T0 + 30 * DAY, TRUST_PARTNER, TRUST_RELIABILITY, idx, 1), 1);
	cr_expect_eq(its[idx[0]].ref, 11);
}

Test(trust, bands_follow_the_low_bound)
{
	struct trust_score s = {.evidence = 3, .low = 0.29, .r = 2, .s = 1};
	cr_expect_str_eq(trust_band(&s), "critical");
	s.low = 0.3;
	cr_expect_str_eq(trust_band(&s), "at risk");
	s.low = 0.5;
	cr_expect_str_eq(trust_band(&s), "ok");
	s.r = 1.5, s.s = 0.4; /* r + s < 2: u > 0.5 */
	cr_expect_str_eq(trust_band(&s), "little evidence");
}

Test(trust, the_model_can_be_changed_within_bounds)
{
	struct err e = {0};
	cr_expect_eq(trust_model_set(&m, "payment.on_time", 2, &e), 0);
	near(item("payment.on_time", TRUST_BUYER, T0, 0, 1).w, 2.0);
	cr_expect_eq(trust_model_set(&m, "half_life.positive", 90, &e), 0);
	struct trust_item it = item("commitment.kept", TRUST_PARTNER, T0, 0, 1);
	struct trust_result r;
	trust_compute(&m, &it, 1, T0 + 90 * DAY, &r);
	near(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].r, 0.5);
	cr_expect_eq(trust_model_set(&m, "overall.respect", 0.5, &e), 0);
	cr_expect_eq(trust_model_set(&m, "payment.on_time", -1, &e), -1);
	cr_expect_str_eq(e.msg, "payment.on_time: good evidence keeps its sign: from 0 to 100");
	cr_expect_eq(trust_model_set(&m, "issue.discovered", 3, &e), -1);
	cr_expect_str_eq(e.msg, "issue.discovered: bad evidence keeps its sign: from -100 to 0");
	cr_expect_eq(trust_model_set(&m, "half_life.hidden", 0, &e), -1);
	cr_expect_str_eq(e.msg, "half_life.hidden: a half-life from 30 to 3650 days");
	cr_expect_eq(trust_model_set(&m, "overall.charm", 0.1, &e), -1);
	cr_expect_str_eq(e.msg, "overall.charm: no such weight (see rapport weights)");
	cr_expect_eq(trust_model_set(&m, "payment.on_time", NAN, &e), -1);
}

Test(trust, every_rule_is_documented_and_consistent)
{
	for (size_t i = 0; i < trust_nrules; i++) {
		const struct trust_rule *r = &trust_rules[i];
		cr_expect(r->reason && strlen(r->reason) > 10, "%s has no reason", r->key);
		cr_expect(r->weight != 0, "%s weighs nothing", r->key);
		cr_expect(r->dim < TRUST_NDIM);
		cr_expect((r->weight > 0) == (r->cls == TRUST_POSITIVE), "%s: sign and class disagree", r->key);
		cr_expect_eq(trust_rule_find(r->key), (int)i, "%s appears twice", r->key);
	}
	/* the defaults of DESIGN.md section 7 */
	near(trust_rules[trust_rule_find("issue.discovered")].weight, -8);
	near(trust_rules[trust_rule_find("commitment.broken")].weight, -4);
	near(trust_rules[trust_rule_find("issue.self_disclosed")].weight, 2);
	near(m.dim_weight[TRUST_RELIABILITY] + m.dim_weight[TRUST_COMMUNICATION] + m.dim_weight[TRUST_TRANSPARENCY] +
	         m.dim_weight[TRUST_FAIRNESS] + m.dim_weight[TRUST_RESPECT],
	     1.0);
}

Test(trust, running_sums_give_the_replayed_scores)
{
	static const char *const keys[] = {"commitment.kept", "commitment.late", "issue.discovered", "payment.on_time",
	                                   "update.missed", "visit"};
	struct trust_item its[300];
	struct trust_sums sums;
	memset(&sums, 0, sizeof sums);
	for (int i = 0; i < 300; i++) {
		its[i] = item(keys[i % 6], i % 2 ? TRUST_PARTNER : TRUST_BUYER, T0 + (int64_t)i * 3 * DAY, i % 11, i);
		trust_sums_add(&m, &sums, &its[i], 1);
	}
	/* an item added and removed again leaves no trace */
	struct trust_item extra = item("commitment.broken", TRUST_PARTNER, T0, 0, 999);
	trust_sums_add(&m, &sums, &extra, 1);
	trust_sums_add(&m, &sums, &extra, -1);
	struct trust_result a, b;
	int64_t as_of = T0 + 900 * DAY;
	trust_compute(&m, its, 300, as_of, &a);
	trust_compute_sums(&m, &sums, NULL, 0, as_of, &b);
	for (int d = 0; d < TRUST_NDIR; d++) {
		for (int k = 0; k < TRUST_NDIM; k++) {
			cr_expect(fabs(a.dim[d][k].score - b.dim[d][k].score) < 1e-12, "dir %d dim %d", d, k);
			cr_expect_eq(a.dim[d][k].evidence, b.dim[d][k].evidence);
		}
		cr_expect(fabs(a.overall[d].score - b.overall[d].score) < 1e-12);
	}
	/* sums plus the items not yet in them give the same as all items */
	memset(&sums, 0, sizeof sums);
	for (int i = 0; i < 200; i++)
		trust_sums_add(&m, &sums, &its[i], 1);
	trust_compute_sums(&m, &sums, its + 200, 100, as_of, &b);
	cr_expect(fabs(a.overall[TRUST_PARTNER].score - b.overall[TRUST_PARTNER].score) < 1e-12);
}

Test(trust, the_defaults_are_those_of_design_section_7)
{
	/* DESIGN.md section 7, row by row; scaled rules give their base */
	static const struct {
		const char *key;
		enum trust_dim dim;
		double weight;
	} want[] = {
		{"commitment.kept", TRUST_RELIABILITY, 1},         {"commitment.late", TRUST_RELIABILITY, -1},
		{"commitment.broken", TRUST_RELIABILITY, -4},      {"commitment.renegotiated_early", TRUST_RELIABILITY, -0.25},
		{"update.on_time", TRUST_COMMUNICATION, 0.5},      {"update.missed", TRUST_COMMUNICATION, -1},
		{"contact.gap", TRUST_COMMUNICATION, -0.5},        {"issue.self_disclosed", TRUST_TRANSPARENCY, 2},
		{"issue.discovered", TRUST_TRANSPARENCY, -8},      {"issue.acked_in_sla", TRUST_TRANSPARENCY, 0.5},
		{"issue.resolved", TRUST_TRANSPARENCY, 1},         {"payment.on_time", TRUST_FAIRNESS, 1},
		{"payment.late", TRUST_FAIRNESS, -1},              {"spec.change_in_freeze", TRUST_FAIRNESS, -1.5},
		{"spec.change_last_week", TRUST_FAIRNESS, -3},     {"visit", TRUST_RESPECT, 0.5},
		{"person.met", TRUST_RESPECT, 0.5},                {"suggestion.answered", TRUST_RESPECT, 0.5},
		{"observance.acknowledged", TRUST_RESPECT, 0.5},   {"suggestion.ignored", TRUST_RESPECT, -0.5},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		int k = trust_rule_find(want[i].key);
		cr_assert(k >= 0, "%s is missing", want[i].key);
		cr_expect_eq(trust_rules[k].dim, want[i].dim, "%s", want[i].key);
		cr_expect_eq(trust_rules[k].weight, want[i].weight, "%s", want[i].key);
		cr_expect_eq(trust_rules[k].cls == TRUST_HIDDEN, !strcmp(want[i].key, "issue.discovered"), "%s", want[i].key);
	}
	cr_expect_eq(m.half_life_days[TRUST_POSITIVE], 180);
	cr_expect_eq(m.half_life_days[TRUST_NEGATIVE], 270);
	cr_expect_eq(m.half_life_days[TRUST_HIDDEN], 365);
	static const double shares[TRUST_NDIM] = {0.30, 0.20, 0.20, 0.20, 0.10};
	for (int d = 0; d < TRUST_NDIM; d++)
		cr_expect_eq(m.dim_weight[d], shares[d], "%s", trust_dim_names[d]);
}

Test(trust, items_tied_on_time_record_and_rule_still_sum_in_one_order)
{
	/* 64 outcomes of one record at one instant, differing only in weight
	 * and value: their sum depends on the order in the last bits, so the
	 * canonical order has to tell them apart */
	struct trust_item a[64], b[64];
	int rule = trust_rule_find("commitment.kept");
	srand(11);
	for (int i = 0; i < 64; i++)
		a[i] = (struct trust_item){.t = T0, .ref = 5, .rule = rule, .dir = TRUST_PARTNER,
		                           .w = 1 + (rand() % 1000) / 7.0, .v = (rand() % 201 - 100) / 100.0};
	for (int round = 0; round < 8; round++) {
		memcpy(b, a, sizeof a);
		for (int i = 63; i > 0; i--) {
			int j = rand() % (i + 1);
			struct trust_item t = b[i];
			b[i] = b[j];
			b[j] = t;
		}
		struct trust_item c[64];
		memcpy(c, a, sizeof a);
		trust_sort(b, 64);
		trust_sort(c, 64);
		struct trust_result rb, rc;
		trust_compute(&m, b, 64, T0 + 100 * DAY, &rb);
		trust_compute(&m, c, 64, T0 + 100 * DAY, &rc);
		cr_expect(memcmp(&rb, &rc, sizeof rb) == 0, "round %d: the results differ in some bit", round);
	}
}

Test(trust, the_projection_as_of_a_past_date_equals_the_replay_then)
{
	/* the running sums as they stood at T (only the items recorded by
	 * then) against a replay as of T that is fed every item, later ones
	 * included: t > T must count for nothing */
	static const char *const keys[] = {"commitment.kept", "commitment.broken", "issue.discovered",
	                                   "payment.late", "update.on_time", "observance.acknowledged"};
	struct trust_item its[240];
	struct trust_sums then;
	memset(&then, 0, sizeof then);
	int64_t as_of = T0 + 300 * DAY + 12345;
	for (int i = 0; i < 240; i++) {
		its[i] = item(keys[i % 6], i % 3 ? TRUST_PARTNER : TRUST_BUYER, T0 + (int64_t)i * 5 * DAY / 2, i % 9, i);
		if (its[i].t <= as_of)
			trust_sums_add(&m, &then, &its[i], 1);
	}
	struct trust_result replay, projected;
	trust_compute(&m, its, 240, as_of, &replay);
	trust_compute_sums(&m, &then, NULL, 0, as_of, &projected);
	/* items 0..120 are at or before T: 120 * 2.5 days = 300 days */
	int64_t counted = 0;
	for (int d = 0; d < TRUST_NDIR; d++) {
		for (int k = 0; k < TRUST_NDIM; k++) {
			const struct trust_score *x = &replay.dim[d][k], *y = &projected.dim[d][k];
			cr_expect(fabs(x->r - y->r) < 1e-12 * (1 + x->r) && fabs(x->s - y->s) < 1e-12 * (1 + x->s),
			          "dir %d dim %d", d, k);
			cr_expect(fabs(x->score - y->score) < 1e-12);
			cr_expect_eq(x->evidence, y->evidence);
			counted += x->evidence;
		}
		cr_expect(fabs(replay.overall[d].score - projected.overall[d].score) < 1e-12);
		cr_expect(fabs(replay.overall[d].sigma - projected.overall[d].sigma) < 1e-12);
	}
	cr_expect_eq(counted, 121);
}

Test(trust, half_lives_are_bounded_so_the_projection_stays_finite)
{
	struct err e = {0};
	cr_expect_eq(trust_model_set(&m, "half_life.positive", 29, &e), -1);
	cr_expect_str_eq(e.msg, "half_life.positive: a half-life from 30 to 3650 days");
	cr_expect_eq(trust_model_set(&m, "half_life.negative", 3651, &e), -1);
	cr_expect_eq(trust_model_set(&m, "half_life.positive", 30, &e), 0);
	cr_expect_eq(trust_model_set(&m, "commitment.kept", 100, &e), 0);
	/* the shortest half-life, the largest weight, the last day before 2100
	 * (4102358400 = 2099-12-31T00:00Z): 100 * 2^((t - epoch)/30 days) is
	 * about 2^980, finite; decayed back to t it is 100 again */
	int64_t late = 4102358400;
	struct trust_item its[] = {item("commitment.kept", TRUST_PARTNER, TRUST_EPOCH, 0, 1),
	                           item("commitment.kept", TRUST_PARTNER, late, 0, 2)};
	struct trust_sums sums;
	memset(&sums, 0, sizeof sums);
	trust_sums_add(&m, &sums, &its[0], 1);
	trust_sums_add(&m, &sums, &its[1], 1);
	cr_expect(isfinite(sums.r[TRUST_PARTNER][TRUST_RELIABILITY][TRUST_POSITIVE]));
	struct trust_result r;
	trust_compute_sums(&m, &sums, NULL, 0, late, &r);
	/* r = 100 + 100 * 2^(-(late - epoch)/30 days), the second term < 1e-290 */
	cr_expect(fabs(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].r - 100) < 1e-12);
	near(r.dim[TRUST_PARTNER][TRUST_RELIABILITY].score, 101.0 / 102);
}

Test(trust, shares_all_set_to_zero_count_the_dimensions_equally)
{
	struct err e = {0};
	for (int d = 0; d < TRUST_NDIM; d++) {
		char key[64];
		snprintf(key, sizeof key, "overall.%s", trust_dim_names[d]);
		cr_assert_eq(trust_model_set(&m, key, 0, &e), 0, "%s", e.msg);
	}
	struct trust_item it = item("commitment.kept", TRUST_PARTNER, T0, 0, 1);
	struct trust_result r;
	trust_compute(&m, &it, 1, T0, &r);
	/* reliability 2/3 (u 2/3), four dimensions 0.5 (u 1), each 1/5:
	 * score = (2/3 + 4 * 0.5)/5 = 8/15, u = (2/3 + 4)/5 = 14/15 - never 0 */
	near(r.overall[TRUST_PARTNER].score, 8.0 / 15);
	near(r.overall[TRUST_PARTNER].uncertainty, 14.0 / 15);
	/* shares need not sum to 1: 3, 2, 2, 2, 1 is the default once divided by 10 */
	static const double tenths[TRUST_NDIM] = {3, 2, 2, 2, 1};
	memcpy(m.dim_weight, tenths, sizeof tenths);
	trust_compute(&m, &it, 1, T0, &r);
	near(r.overall[TRUST_PARTNER].score, 0.55); /* 0.3 * 2/3 + 0.7 * 0.5 */
}
