/* cmd_calendar.c - `rapport calendar`: a partner's iCalendar feed on stdout
 * (built by feed.c), and `rapport calendar token`: the author's secret
 * token for the feed's URL, kept outside the ledger (store/feed.c). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "feed.h"
#include "store/feed.h"
#include "store/parties.h"

int cmd_calendar(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	struct party p;
	const char *side = arg_str(a, "side") ? arg_str(a, "side") : app->side;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	if (strcmp(side, "buyer") && strcmp(side, "partner"))
		return err_set(e, ERR_INPUT, "--side: buyer or partner: \"%s\"", side);
	char *text;
	if (feed_calendar(app->db, rel, side, app->now, &text, e))
		return -1;
	fputs(text, app->out);
	free(text);
	return 0;
}

int cmd_calendar_token(struct app *app, const args_t *a, struct err *e)
{
	char token[128];
	int r = store_feed_token_get(app->db, app->author, token, e);
	if (r < 0)
		return -1;
	if (r == 0 || arg_str(a, "rotate")) {
		if (feed_token_new(token, e) || store_feed_token_set(app->db, app->author, token, app->now, e))
			return -1;
	}
	if (app->json) {
		char *path = malloc(strlen(token) + 16);
		if (!path)
			abort();
		sprintf(path, "/calendar/%s.ics", token);
		cmd_print_json(app, json_pack("{s:s, s:s, s:s}", "author", app->author, "token", token, "path", path));
		free(path);
	} else {
		fprintf(app->out, "%s\n", token);
	}
	return 0;
}
