/* csv_import.h - a CSV file imported from the web: the upload form
 * (page_import.c) and POST /api/v1/partners/{id}/import/{kind} (api.c)
 * both run importer.c inside one web_write, so a file lands whole or not
 * at all, exactly as `rapport import --partner ID` would take it. The
 * rows are recorded by the signed-in user, for their own side, with the
 * buyer's zone for local times. A dry run checks every row and writes
 * nothing. */
#ifndef RAPPORT_WEB_CSV_IMPORT_H
#define RAPPORT_WEB_CSV_IMPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "importer.h"
#include "web/web.h"

/* The largest file taken from the web (bytes). The writer is held for the
 * whole file: 1 MiB is some 20 000 order rows, about three seconds. */
#define CSV_IMPORT_MAX (1024 * 1024)

struct csv_import {
	/* in */
	int64_t rel;            /* the partner every row is for */
	const char *kind;       /* orders, payments, contacts, people, commitments */
	const char *name;       /* the file's name, for messages */
	const char *text;       /* the file's bytes */
	size_t len;
	const char *charset;    /* their encoding (charset_known); NULL: UTF-8, or UTF-16 by its byte order mark */
	int dry_run;
	int skip_recorded;      /* leave out rows recorded before, rather than refuse them */
	const char *skip_said;  /* how the user leaves them out, for the refusal; NULL */
	/* out */
	struct importer_result res;
	json_t *bad;            /* [{"row", "field", "message"}] for each bad row */
	json_t *warnings;       /* [{"row", "message"}]: dates on the partner's days off */
	int not_charset;        /* refused for bytes that are not the charset (ci->bad says where) */
};

/* Runs the import in tx (inside a web_write; a dry run marks tx->discard),
 * the file read as UTF-8 from its charset. 0 with ci->res; -1 with e:
 * ERR_INPUT when the file or rows were bad (then ci->bad lists them, or
 * the line of bytes that are not the charset, and e sums them up). */
int csv_import_run(struct req *r, struct web_tx *tx, struct csv_import *ci, struct err *e);

/* One import at a time. An import holds the writer, and the event loop
 * of the thread serving it, for as long as the file takes (about three
 * seconds for 1 MiB); a second one waiting for the writer would hold
 * another thread's loop as well, and with it every request that thread
 * serves. So csv_import_claim returns 1 when no other import is running
 * (the caller imports, then calls csv_import_release_claim), else 0: the
 * caller answers 429 with Retry-After CSV_IMPORT_RETRY. */
#define CSV_IMPORT_RETRY "5"
int csv_import_claim(void);
void csv_import_release_claim(void);

/* 1 when a user of side ("buyer" or "partner") may import kind: when
 * that side records from the web every event a row of kind may append
 * (forms.c: the buyer places orders and owes the payments; the factory's
 * users import contacts, people and promises). The upload form and the
 * API both ask. */
int csv_import_side_may(const char *side, const char *kind);

/* Releases what a run left in ci (bad, warnings). */
void csv_import_release(struct csv_import *ci);

/* A bad row's message "column \"due\": not a date" split into the column's
 * name (copied into field, size bytes; "" when none) and the rest. */
const char *csv_import_split(const char *msg, char *field, size_t size);

#endif
