/* agenda.h (store) - the SQL the agenda reads: open promises, unpaid
 * payments, unacknowledged problems, open actions, unanswered suggestions,
 * spec changes awaiting agreement, the last touch, recent updates and
 * greetings; and the per-person snoozes (not ledger events). */
#ifndef RAPPORT_STORE_AGENDA_H
#define RAPPORT_STORE_AGENDA_H

enum store_agenda_id {
	/* ?T: the time the record is read as of (see agenda.c's queries) */
	AG_COMMITMENTS,  /* ?1 rel, ?2 last due date, ?3 T: id, side, what, due, milestone */
	AG_PAYMENTS,     /* ?1 rel, ?2 last due date, ?3 T: id, amount, currency, due, label */
	AG_UNACKED,      /* ?1 rel, ?2 T: id, title, severity, responsible, disclosure, raised_at */
	AG_ACTIONS,      /* ?1 rel, ?2 last due date, ?3 T: id, issue, owner, what, due */
	AG_SUGGESTIONS,  /* ?1 rel, ?2 made before, ?3 T: id, side of the person, name, text, at */
	AG_SPEC_CHANGES, /* ?1 rel, ?2 T: id, style, what, at, production start of the style's latest spec */
	AG_LAST_TOUCH,   /* ?1 rel, ?2 now: the latest contact, update or visit, NULL when none */
	AG_UPDATES,      /* ?1 rel, ?2 from, ?3 to: update times */
	AG_GREETED,      /* ?1 rel, ?2 side, ?3 since, ?4 T: occasions greeted */
	AG_SNOOZED,      /* ?1 author, ?2 today: items hidden */
	AG_SNOOZE,       /* ?1 author, ?2 item, ?3 until, ?4 now */
	AG_VERSION,      /* ?1 author: the newest event id, author's snoozes (how many, the newest),
	                  * the partners: what a page kept for author depends on (web/memo.h) */
	AG__COUNT
};

extern const char *const store_agenda_sql[AG__COUNT];

#endif
