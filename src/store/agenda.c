/* agenda.c (store) - the agenda's queries, by name (store/agenda.h). */
#include "store/agenda.h"

/* A commitment's due date at ?3: the old date of the first renegotiation
 * after then, else the date it has. */
#define DUE_THEN                                                                                               \
	"coalesce((SELECT r.old_due FROM renegotiations r WHERE r.commitment = c.id AND r.at > ?3"                \
	" ORDER BY r.at, r.id LIMIT 1), c.due)"

const char *const store_agenda_sql[AG__COUNT] = {
	/* Each of these reads the record as it stood at ?3 (?2 for those
	 * without a due date): made by then and not yet settled then. At a
	 * time after every record (the agenda of today or a later day) that is
	 * the record as it stands, read through the same indexes as before:
	 * the second half of the commitments' union is then empty. */
	[AG_COMMITMENTS] = "SELECT id, side, what, due, milestone FROM ("
	                   /* open, with the due date they have now */
	                   "SELECT c.id, c.side, c.what, c.due, c.milestone FROM commitments c"
	                   " WHERE c.rel = ?1 AND c.state = 'open' AND c.due <= ?2 AND c.made_at <= ?3"
	                   " AND NOT EXISTS (SELECT 1 FROM renegotiations r WHERE r.commitment = c.id AND r.at > ?3)"
	                   /* settled since, or open but moved since: with the due
	                    * date they had then */
	                   " UNION ALL SELECT c.id, c.side, c.what, " DUE_THEN ", c.milestone FROM commitments c"
	                   " WHERE c.rel = ?1 AND c.closed_at > ?3 AND c.made_at <= ?3"
	                   " UNION ALL SELECT c.id, c.side, c.what, " DUE_THEN ", c.milestone FROM commitments c"
	                   " WHERE c.id IN (SELECT r.commitment FROM renegotiations r WHERE r.rel = ?1 AND r.at > ?3)"
	                   " AND c.state = 'open' AND c.made_at <= ?3"
	                   ") AS t WHERE due <= ?2 ORDER BY due, id",
	[AG_PAYMENTS] = "SELECT p.id, p.amount, p.currency, p.due, p.label FROM payments p"
	                " WHERE p.rel = ?1 AND p.due <= ?2 AND (p.paid_at IS NULL OR p.paid_at > ?3)"
	                " AND (SELECT e.at FROM events e WHERE e.id = p.id) <= ?3 ORDER BY p.due, p.id",
	[AG_UNACKED] = "SELECT id, title, severity, responsible, disclosure, raised_at FROM issues"
	               " WHERE rel = ?1 AND raised_at <= ?2 AND (acked_at IS NULL OR acked_at > ?2)"
	               " AND (state = 'open' OR resolved_at > ?2) ORDER BY raised_at, id",
	[AG_ACTIONS] = "SELECT a.id, a.issue, a.owner, a.what, a.due FROM actions a"
	               " WHERE a.rel = ?1 AND a.due <= ?2 AND (a.done_at IS NULL OR a.done_at > ?3)"
	               " AND (SELECT e.at FROM events e WHERE e.id = a.id) <= ?3 ORDER BY a.due, a.id",
	[AG_SUGGESTIONS] = "SELECT s.id, p.side, p.name, s.text, s.at FROM suggestions s JOIN people p ON p.id = s.person"
	                   " WHERE s.rel = ?1 AND (s.outcome IS NULL OR s.responded_at > ?3) AND s.at <= ?2"
	                   " ORDER BY s.at, s.id",
	[AG_SPEC_CHANGES] = "SELECT c.id, c.style, c.what, c.at,"
	                    " (SELECT s.production_start FROM specs s WHERE s.rel = c.rel AND s.style = c.style"
	                    "  AND s.published_at <= ?2 ORDER BY s.published_at DESC, s.id DESC LIMIT 1)"
	                    " FROM spec_changes c WHERE c.rel = ?1 AND c.in_freeze = 1 AND c.agreed = 0 AND c.at <= ?2"
	                    " ORDER BY c.at, c.id",
	[AG_LAST_TOUCH] = "SELECT max(t) FROM (SELECT max(at) AS t FROM contacts WHERE rel = ?1 AND at <= ?2"
	                  " UNION ALL SELECT max(at) FROM updates WHERE rel = ?1 AND at <= ?2"
	                  " UNION ALL SELECT max(at) FROM visits WHERE rel = ?1 AND at <= ?2) AS touches",
	[AG_UPDATES] = "SELECT at FROM updates WHERE rel = ?1 AND at BETWEEN ?2 AND ?3 ORDER BY at",
	[AG_GREETED] = "SELECT occasion FROM greetings WHERE rel = ?1 AND by_side = ?2 AND at >= ?3 AND at <= ?4",
	[AG_SNOOZED] = "SELECT item FROM snoozes WHERE author = ?1 AND until >= ?2",
	[AG_SNOOZE] = "INSERT INTO snoozes (author, item, until, at) VALUES (?1, ?2, ?3, ?4)"
	              " ON CONFLICT (author, item) DO UPDATE SET until = excluded.until, at = excluded.at",
	[AG_VERSION] = "SELECT (SELECT coalesce(max(id), 0) FROM events),"
	               " (SELECT count(*) FROM snoozes WHERE author = ?1),"
	               " (SELECT coalesce(max(at), 0) FROM snoozes WHERE author = ?1),"
	               " (SELECT count(*) FROM partners)",
};
