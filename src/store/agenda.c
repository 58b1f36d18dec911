/* agenda.c (store) - the agenda's queries, by name (store/agenda.h). */
#include "store/agenda.h"

const char *const store_agenda_sql[AG__COUNT] = {
	[AG_COMMITMENTS] = "SELECT id, side, what, due, milestone FROM commitments"
	                   " WHERE rel = ?1 AND state = 'open' AND due <= ?2 ORDER BY due, id",
	[AG_PAYMENTS] = "SELECT id, amount, currency, due, label FROM payments"
	                " WHERE rel = ?1 AND paid_at IS NULL AND due <= ?2 ORDER BY due, id",
	[AG_UNACKED] = "SELECT id, title, severity, responsible, disclosure, raised_at FROM issues"
	               " WHERE rel = ?1 AND acked_at IS NULL AND state = 'open' ORDER BY raised_at, id",
	[AG_ACTIONS] = "SELECT id, issue, owner, what, due FROM actions"
	               " WHERE rel = ?1 AND done_at IS NULL AND due <= ?2 ORDER BY due, id",
	[AG_SUGGESTIONS] = "SELECT s.id, p.side, p.name, s.text, s.at FROM suggestions s JOIN people p ON p.id = s.person"
	                   " WHERE s.rel = ?1 AND s.outcome IS NULL AND s.at <= ?2 ORDER BY s.at, s.id",
	[AG_SPEC_CHANGES] = "SELECT c.id, c.style, c.what, c.at,"
	                    " (SELECT s.production_start FROM specs s WHERE s.rel = c.rel AND s.style = c.style"
	                    "  ORDER BY s.published_at DESC, s.id DESC LIMIT 1)"
	                    " FROM spec_changes c WHERE c.rel = ?1 AND c.in_freeze = 1 AND c.agreed = 0 ORDER BY c.at, c.id",
	[AG_LAST_TOUCH] = "SELECT max(t) FROM (SELECT max(at) AS t FROM contacts WHERE rel = ?1 AND at <= ?2"
	                  " UNION ALL SELECT max(at) FROM updates WHERE rel = ?1 AND at <= ?2"
	                  " UNION ALL SELECT max(at) FROM visits WHERE rel = ?1 AND at <= ?2) AS touches",
	[AG_UPDATES] = "SELECT at FROM updates WHERE rel = ?1 AND at BETWEEN ?2 AND ?3 ORDER BY at",
	[AG_GREETED] = "SELECT occasion FROM greetings WHERE rel = ?1 AND by_side = ?2 AND at >= ?3",
	[AG_SNOOZED] = "SELECT item FROM snoozes WHERE author = ?1 AND until >= ?2",
	[AG_SNOOZE] = "INSERT INTO snoozes (author, item, until, at) VALUES (?1, ?2, ?3, ?4)"
	              " ON CONFLICT (author, item) DO UPDATE SET until = excluded.until, at = excluded.at",
	[AG_VERSION] = "SELECT (SELECT coalesce(max(id), 0) FROM events),"
	               " (SELECT count(*) FROM snoozes WHERE author = ?1),"
	               " (SELECT coalesce(max(at), 0) FROM snoozes WHERE author = ?1),"
	               " (SELECT count(*) FROM partners)",
};
