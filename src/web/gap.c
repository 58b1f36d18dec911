/* gap.c - the contact-gap clock (web/gap.h). */
#include "web/gap.h"

#include <string.h>

#include "project.h"
#include "store/agenda.h"
#include "store/domain.h"
#include "web/i18n.h"

#define DAY 86400

int gap_read(struct db *db, const struct party *p, int64_t now, struct gap *g, struct err *e)
{
	struct project_settings set;
	struct store_row row;
	if (project_settings_get(db, p->id, &set, e) ||
	    store_row(db, store_agenda_sql[AG_LAST_TOUCH], e, &row, "ii", p->id, now) < 0)
		return -1;
	g->none = row.null[0];
	g->last = g->none ? p->since : row.i[0];
	g->days = (long)((now - g->last) / DAY);
	g->ideal = set.gap_ideal;
	g->max = set.gap_max;
	g->state = now >= g->last + set.gap_max * DAY     ? "overdue"
	           : now >= g->last + set.gap_ideal * DAY ? "due"
	                                                  : "ok";
	return 0;
}

const char *gap_state_words(const struct gap *g)
{
	return !strcmp(g->state, "overdue") ? _("Contact overdue")
	       : !strcmp(g->state, "due")   ? _("Contact due")
	                                    : _("Contact on track");
}
