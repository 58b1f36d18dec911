/* workcal_json.c - days off and meeting slots as JSON (workcal_json.h). */
#include "workcal_json.h"

#include "util/time.h"

json_t *holidays_json(const struct holidays *h)
{
	json_t *list = json_array();
	for (size_t i = 0; i < h->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:b}", "date", h->days[i].date, "name",
		                                      h->days[i].name, "local_name", h->days[i].local_name, "kind",
		                                      holiday_kind_names[h->days[i].kind], "estimated", h->days[i].estimated));
	return list;
}

json_t *slots_json(const struct slots *s)
{
	json_t *list = json_array();
	for (size_t i = 0; i < s->n; i++) {
		char f[21], t[21];
		time_format_utc(s->v[i].from, f);
		time_format_utc(s->v[i].to, t);
		json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:{s:s, s:s}, s:{s:s, s:s}}", "from", f, "to", t,
		                                      "minutes", (json_int_t)((s->v[i].to - s->v[i].from) / 60), "buyer",
		                                      "from", s->v[i].a_from, "to", s->v[i].a_to, "partner", "from",
		                                      s->v[i].b_from, "to", s->v[i].b_to));
	}
	return list;
}
