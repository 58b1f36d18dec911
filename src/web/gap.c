/* gap.c - the contact-gap clock for the pages (web/gap.h). */
#include "web/gap.h"

#include <string.h>

#include "project.h"
#include "web/i18n.h"

int gap_read(struct db *db, const struct party *p, int64_t now, struct agenda_gap *g, struct err *e)
{
	struct project_settings set;
	if (project_settings_get(db, p->id, &set, e))
		return -1;
	return agenda_gap(db, p, set.gap_ideal, set.gap_max, now, g, e);
}

const char *gap_state_words(const struct agenda_gap *g)
{
	return !strcmp(g->state, "overdue") ? _("Contact overdue")
	       : !strcmp(g->state, "due")   ? _("Contact due")
	                                    : _("Contact on track");
}
