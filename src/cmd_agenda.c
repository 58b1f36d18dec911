/* cmd_agenda.c - `rapport agenda`: what needs attention, most urgent first,
 * for one side or both; and `rapport agenda snooze`, which hides an item
 * for the person who asks until a date. The items are agenda.c's. */
#include <jansson.h>
#include <string.h>

#include "agenda.h"
#include "calendar/day.h"
#include "cmd.h"
#include "store/parties.h"
#include "util/time.h"

#define AGENDA_MORNING (9 * 3600) /* --date DATE means 09:00 that day, the buyer's time */

static int side_arg(const args_t *a, const char **side, struct err *e)
{
	*side = arg_str(a, "side");
	if (*side && strcmp(*side, "buyer") && strcmp(*side, "partner"))
		return err_set(e, ERR_INPUT, "--side: buyer or partner: \"%s\"", *side);
	return 0;
}

/* The instant the agenda is for: --date at 09:00 in the buyer's zone, or
 * now. A day before today's is read from the record as it stood then. */
static int agenda_now(struct app *app, const args_t *a, struct agenda_query *q, struct err *e)
{
	char tz[65], day[11], today[11];
	int y, m, d;
	const char *v = arg_str(a, "date");
	q->now = app->now;
	if (!v)
		return 0;
	if (time_parse_date(v, "--date", &y, &m, &d, e) || cmd_buyer_tz(app, tz, e))
		return -1;
	q->now = time_from_local(tz, y, m, d, AGENDA_MORNING / 60);
	day_format(day_from_ymd(y, m, d), day);
	time_format_date(app->now, tz, today);
	if (strcmp(day, today) < 0)
		q->recorded_by = q->now;
	return 0;
}

int cmd_agenda_query(struct app *app, const args_t *a, int snoozes, struct agenda *out, int64_t *now, struct err *e)
{
	struct agenda_query q = {.author = snoozes ? app->author : NULL};
	if (side_arg(a, &q.side, e) || agenda_now(app, a, &q, e))
		return -1;
	if (arg_find(a, "partner") && arg_str(a, "partner")) {
		struct party p;
		if (arg_id(a, "partner", &q.rel, e) || cmd_partner_get(app, q.rel, &p, e))
			return -1;
	}
	*now = q.now;
	return agenda_build(app->db, &q, out, e);
}


static void print_text(struct app *app, const struct agenda *ag, int64_t now, const char *side)
{
	char tz[65], today[11], day[48];
	struct err ignored;
	if (cmd_buyer_tz(app, tz, &ignored))
		snprintf(tz, sizeof tz, "UTC");
	time_format_date(now, tz, today);
	agenda_when(today, day);
	fprintf(app->out, "Agenda for %s%s, %s: %zu item%s\n", side ? "the " : "both sides", side ? side : "", day, ag->n,
	        ag->n == 1 ? "" : "s");
	for (size_t i = 0; i < ag->n; i++) {
		const struct agenda_item *it = &ag->v[i];
		char b[48], p[48], upper[16];
		size_t k = 0;
		for (const char *s = agenda_state_names[it->state]; *s && k < sizeof upper - 1; s++)
			upper[k++] = (char)(*s - 32);
		upper[k] = '\0';
		fprintf(app->out, "\n%-8s  %s - owed by %s - %s (%s)\n", upper, it->partner, agenda_owes_text(it->owes), it->kind,
		        it->dimension);
		fprintf(app->out, "          %s\n", it->what);
		agenda_when(it->at_buyer, b);
		agenda_when(it->at_partner, p);
		if (it->due_date[0])
			fprintf(app->out, "          due %s\n", b);
		else
			fprintf(app->out, "          due %s at the buyer, %s at the partner\n", b, p);
		fprintf(app->out, "          do: %s\n", it->command);
		fprintf(app->out, "          snooze: rapport agenda snooze %s --until DATE\n", it->id);
	}
}

int cmd_agenda(struct app *app, const args_t *a, struct err *e)
{
	struct agenda ag;
	int64_t now;
	if (cmd_agenda_query(app, a, 1, &ag, &now, e))
		return -1;
	if (app->json) {
		json_t *list = json_array();
		for (size_t i = 0; i < ag.n; i++)
			json_array_append_new(list, agenda_item_json(&ag.v[i]));
		cmd_print_json(app, list);
	} else {
		print_text(app, &ag, now, arg_str(a, "side"));
	}
	agenda_release(&ag);
	return 0;
}

int cmd_agenda_snooze(struct app *app, const args_t *a, struct err *e)
{
	int y, m, d;
	const char *item = a->pos[0], *until = arg_str(a, "until");
	if (time_parse_date(until, "--until", &y, &m, &d, e))
		return -1;
	/* only an item the agenda shows (snoozed or not) can be snoozed */
	struct agenda ag;
	int64_t now;
	if (cmd_agenda_query(app, a, 0, &ag, &now, e))
		return -1;
	size_t i = 0, n = ag.n;
	while (i < n && strcmp(ag.v[i].id, item))
		i++;
	agenda_release(&ag);
	if (i == n)
		return err_set(e, ERR_INPUT, "ITEM: \"%s\" is not on the agenda (see rapport agenda --json for the ids)", item);
	char tz[65], today[11];
	if (cmd_buyer_tz(app, tz, e))
		return -1;
	time_format_date(app->now, tz, today);
	if (strcmp(until, today) < 0)
		return err_set(e, ERR_INPUT, "--until: %s is already past (today is %s)", until, today);
	if (agenda_snooze(app->db, app->author, item, until, app->now, e))
		return -1;
	if (app->json)
		cmd_print_json(app, json_pack("{s:s, s:s, s:s}", "item", item, "until", until, "author", app->author));
	else
		fprintf(app->out, "%s hidden from %s's agenda through %s\n", item, app->author, until);
	return 0;
}
