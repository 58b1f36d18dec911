/* cmd_weights.c - `rapport weights`: the trust model's weights and
 * half-lives with their reasons; `rapport weights set KEY VALUE` records a
 * change in every partner's record, so both sides see which model applied. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "project.h"
#include "store/parties.h"
#include "trust.h"

static const char *const class_keys[TRUST_NCLASS] = {"half_life.positive", "half_life.negative", "half_life.hidden"};
static const double class_defaults[TRUST_NCLASS] = {180, 270, 365};

int cmd_weights(struct app *app, const args_t *a, struct err *e)
{
	(void)a;
	struct trust_model m, d;
	trust_model_default(&d);
	if (project_model(app->db, 0, 0, &m, e))
		return -1;
	if (app->json) {
		json_t *list = json_array();
		for (size_t i = 0; i < trust_nrules; i++)
			json_array_append_new(list, json_pack("{s:s, s:s, s:f, s:f, s:s}", "key", trust_rules[i].key, "dimension",
			                                      trust_dim_names[trust_rules[i].dim], "default", d.weight[i],
			                                      "value", m.weight[i], "reason", trust_rules[i].reason));
		for (int c = 0; c < TRUST_NCLASS; c++)
			json_array_append_new(list, json_pack("{s:s, s:f, s:f}", "key", class_keys[c], "default", class_defaults[c],
			                                      "value", m.half_life_days[c]));
		for (int k = 0; k < TRUST_NDIM; k++) {
			char key[64];
			snprintf(key, sizeof key, "overall.%s", trust_dim_names[k]);
			json_array_append_new(list, json_pack("{s:s, s:f, s:f}", "key", key, "default", d.dim_weight[k], "value",
			                                      m.dim_weight[k]));
		}
		cmd_print_json(app, list);
		return 0;
	}
	fprintf(app->out, "%-30s %-14s %8s %8s  %s\n", "KEY", "DIMENSION", "DEFAULT", "NOW", "WHY");
	for (size_t i = 0; i < trust_nrules; i++)
		fprintf(app->out, "%-30s %-14s %8.2f %8.2f  %s\n", trust_rules[i].key, trust_dim_names[trust_rules[i].dim],
		        d.weight[i], m.weight[i], trust_rules[i].reason);
	for (int c = 0; c < TRUST_NCLASS; c++)
		fprintf(app->out, "%-30s %-14s %8.0f %8.0f  days\n", class_keys[c], "", class_defaults[c], m.half_life_days[c]);
	for (int k = 0; k < TRUST_NDIM; k++)
		fprintf(app->out, "overall.%-22s %-14s %8.2f %8.2f  share of the overall score\n", trust_dim_names[k], "",
		        d.dim_weight[k], m.dim_weight[k]);
	return 0;
}

struct set_ctx {
	struct app *app;
	const args_t *a;
	json_t *body;
	int64_t count;
	struct err *e;
};

static int set_one(void *ctx, const struct party *p)
{
	struct set_ctx *c = ctx;
	int64_t id;
	if (cmd_append(c->app, c->a, p->id, "weights.set", c->body, &id, c->e))
		return -1;
	c->count++;
	return 0;
}

int cmd_weights_set(struct app *app, const args_t *a, struct err *e)
{
	if (a->npos != 2)
		return err_set(e, ERR_INPUT, "weights set: needs KEY and VALUE (see rapport weights)");
	json_t *body = json_pack("{s:s, s:s}", "key", a->pos[0], "value", a->pos[1]);
	struct set_ctx c = {app, a, body, 0, e};
	int r = store_partner_each(app->db, set_one, &c, e);
	json_decref(body);
	if (r)
		return -1;
	if (c.count == 0)
		return err_set(e, ERR_INPUT, "weights set: no partners yet; a change is recorded in each partner's record");
	if (app->json)
		cmd_print_json(app, json_pack("{s:s, s:s, s:I}", "key", a->pos[0], "value", a->pos[1], "partners",
		                              (json_int_t)c.count));
	else
		fprintf(app->out, "%s set to %s in the records of %lld partner%s\n", a->pos[0], a->pos[1], (long long)c.count,
		        c.count == 1 ? "" : "s");
	return 0;
}
