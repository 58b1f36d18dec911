/* cmd_time.c - `rapport time`: an instant in a zone's local time with its
 * offset, read from the system zoneinfo (calendar/zone.c). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "cmd.h"
#include "util/time.h"

int cmd_time(struct app *app, const args_t *a, struct err *e)
{
	struct zone *z;
	int64_t t;
	if (zone_load(arg_str(a, "zone"), &z, e)) {
		if (e->code == ERR_INPUT)
			err_set(e, ERR_INPUT, "--zone: \"%s\" is not a time zone in the system zoneinfo (e.g. Asia/Dhaka)",
			        arg_str(a, "zone"));
		return -1;
	}
	/* a time without an offset is the zone's own local time */
	if (arg_time(a, "at", zone_name(z), app->now, &t, e)) {
		zone_free(z);
		return -1;
	}
	char local[40], utc[21];
	struct zone_local l;
	zone_format(z, t, local);
	zone_at(z, t, &l);
	time_format_utc(t, utc);
	if (app->json)
		cmd_print_json(app, json_pack("{s:s, s:s, s:s, s:i, s:b, s:s}", "at", utc, "zone", zone_name(z), "local", local,
		                              "offset_seconds", (int)l.utoff, "dst", l.isdst, "abbreviation", l.abbr));
	else
		fprintf(app->out, "%s\n", local);
	zone_free(z);
	return 0;
}
