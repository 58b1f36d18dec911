/* importer.h - the rows of a CSV stream appended as events, through the
 * same validation and ledger as the recording commands (an order through
 * order_record, anything else through record_append), inside the caller's
 * one transaction: when any row is bad the caller rolls it all back.
 * `rapport import` (cmd_import.c) and the web's import (the upload form
 * and POST /api/v1/partners/{id}/import) both run it. It touches no
 * process-wide state itself: local times go through the caller's
 * conversion (opts.local), so a server thread may run it with the zone
 * functions. What the columns of each kind are is import.h's. */
#ifndef RAPPORT_IMPORTER_H
#define RAPPORT_IMPORTER_H

#include <stdint.h>
#include <stdio.h>

#include "calendar/zone.h"
#include "ledger.h"
#include "util/time.h"
#include "util/err.h"

/* Bad rows reported before reading stops; warnings kept. */
#define IMPORTER_MAX_ERRORS 20
#define IMPORTER_MAX_WARNINGS 20

struct importer_opts {
	const char *name;          /* the file as the user named it, for messages */
	const char *kind;          /* orders, payments, contacts, people or commitments */
	int64_t partner;           /* the partner every row is for, or 0: the partner column */
	const char *partner_said;  /* how a row's other partner is refused: "--partner says" (NULL) */
	const char *side, *author; /* who records the events */
	/* Rows recorded before (the same values and time as a record made
	 * before the import: a file imported again) are left out when set,
	 * else refused; skip_said tells the user how to leave them out
	 * ("--skip-recorded imports only the new rows"), or is NULL. A row
	 * that closes (paid, kept, broken) a record made before which is
	 * still open appends only what closed it, set or not (res.closed);
	 * one closed before in another way is refused. */
	int skip_recorded;
	const char *skip_said;
	int64_t now;               /* when; also a row's time when it has none */
	const struct zone *zone;   /* the buyer's: an order's deposit date */
	/* The buyer's local times (the at and closing columns): the command
	 * line's time_local_tz with the zone's name, so that a row reads as
	 * the command recording it would; zone_local_time with zone on a
	 * server thread. */
	time_local_fn local;
	void *local_ctx;
	/* A bad row: its line in the file and the message ("column \"due\":
	 * not a date: ..."); called up to IMPORTER_MAX_ERRORS times. */
	void (*bad)(void *ctx, size_t line, const char *msg);
	/* A row's warning (a date on the partner's day off: it blocks
	 * nothing), called for the first IMPORTER_MAX_WARNINGS of them. */
	void (*warn)(void *ctx, size_t line, const char *msg);
	/* Called before each row with the byte offset reached and the rows
	 * read so far (done 1 once, at the end); may be NULL. */
	void (*progress)(void *ctx, long long offset, size_t rows, int done);
	void *ctx;
};

struct importer_result {
	size_t rows;      /* rows appended */
	size_t events;    /* events appended for them */
	size_t bad;       /* rows refused */
	size_t known;     /* of those, rows recorded before this file (an order by its PO) */
	size_t matched;   /* of the bad rows, those the same, value for value and time, as their record */
	size_t skipped;   /* rows left out as recorded before (skip_recorded) */
	size_t closed;    /* of the rows appended, those that only closed a record made before (paid, kept) */
	size_t renegotiated; /* of the rows appended, those that only gave a record made before new due dates */
	size_t nwarnings; /* all the warnings, also those not passed to warn */
};

/* Whether every bad row of res was a record made before and nothing new
 * was appended besides what records made before lacked (their outcomes,
 * their new dates): the file imported again. */
static inline int importer_imported_again(const struct importer_result *res)
{
	return res->known == res->bad && res->rows == res->closed + res->renegotiated;
}

/* Reads in (CSV, RFC 4180) and appends its rows of o->kind to the ledger
 * l. 0 when every row was appended (res says how many; a file with no
 * rows is not an error). -1 with e: ERR_INPUT when the file or any row
 * was bad (each bad row reported through o->bad, e summing them up:
 * "NAME: 2 bad rows; nothing was imported"), anything else fatal. */
int importer_run(struct ledger *l, FILE *in, const struct importer_opts *o, struct importer_result *res,
                 struct err *e);

#endif
