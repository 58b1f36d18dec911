/* cmd_rebuild.c - `rapport rebuild`: clears every projection and replays
 * the ledger into it, in the command's one transaction. */
#include <jansson.h>

#include "cmd.h"
#include "project.h"

int cmd_rebuild(struct app *app, const args_t *a, struct err *e)
{
	(void)a;
	int64_t events = 0;
	if (project_rebuild(app->db, &events, e))
		return -1;
	if (app->json)
		cmd_print_json(app, json_pack("{s:I}", "events", (json_int_t)events));
	else
		fprintf(app->out, "rebuilt the projections from %lld events\n", (long long)events);
	return 0;
}
