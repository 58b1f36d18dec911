/* pages.h - the handlers of route.c's table, one page_<name>.c each.
 * Handlers run on the server's threads: they must not call util/time.c's
 * zone functions (time_parse with a zone, time_format_local, ...), which
 * switch TZ with setenv and are not thread-safe; calendar/zone.c is (and
 * time_parse_with takes its conversion). Every page is written through
 * layout.h; every string it shows goes through _() (i18n.h). */
#ifndef RAPPORT_PAGES_H
#define RAPPORT_PAGES_H

#include "util/err.h"
#include "web/req.h"

int page_home(struct req *r, struct err *e);
int page_healthz(struct req *r, struct err *e);
int page_partner(struct req *r, struct err *e);
int page_login(struct req *r, struct err *e);
int page_login_post(struct req *r, struct err *e);
int page_logout(struct req *r, struct err *e);
int page_lang(struct req *r, struct err *e);
/* page_record.c: the forms that record an event, and the list of them */
int page_contact(struct req *r, struct err *e);
int page_contact_post(struct req *r, struct err *e);
int page_holidays(struct req *r, struct err *e);
int page_slots(struct req *r, struct err *e);
int page_settings(struct req *r, struct err *e);
int page_settings_form(struct req *r, struct err *e);
int page_settings_post(struct req *r, struct err *e);
int page_agenda(struct req *r, struct err *e);
int page_agenda_snooze(struct req *r, struct err *e);
int page_people(struct req *r, struct err *e);
int page_calendar(struct req *r, struct err *e);
int page_calendar_post(struct req *r, struct err *e);
int page_calendar_feed(struct req *r, struct err *e);
int page_record(struct req *r, struct err *e);
int page_record_post(struct req *r, struct err *e);
int page_record_list(struct req *r, struct err *e);
int page_weights(struct req *r, struct err *e);
int page_weights_post(struct req *r, struct err *e);
/* page_import.c: a CSV file uploaded and imported into a relationship */
int page_import(struct req *r, struct err *e);
int page_import_post(struct req *r, struct err *e);
/* page_export.c: a relationship's rows of a kind as a CSV or JSON download */
int page_export(struct req *r, struct err *e);

#endif
