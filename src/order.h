/* order.h - an order as `rapport order add` records it: the order.add
 * event, its standard milestones as the partner's commitments and the
 * buyer's deposit and balance payments, appended together in the caller's
 * transaction. The command line (cmd_order.c, and rapport import through
 * it) and the web app's order form both go through here. No output, no
 * time zone of its own: the caller says when the deposit falls due. */
#ifndef RAPPORT_ORDER_H
#define RAPPORT_ORDER_H

#include <jansson.h>
#include <stdint.h>

#include "ledger.h"
#include "util/buf.h"
#include "util/err.h"

/* The milestones an order makes, worked back from ex-factory: X(name,
 * days before it), in order. The names are also SQL's (store/export.c
 * writes only an order's own milestones with its PO). */
#define ORDER_MILESTONES(X)                                                                                    \
	X("sample approval", 60) X("bulk fabric in", 45) X("production start", 30) X("inline inspection", 14) \
	X("final inspection", 3) X("ex-factory", 0)
/* The labels of the payments an order makes. */
#define ORDER_DEPOSIT "deposit"
#define ORDER_BALANCE "balance"

/* Days after the order is placed that its deposit falls due. */
#define ORDER_DEPOSIT_DAYS 7

/* Appends in (an order.add event: po, style, qty, price, currency,
 * ex_factory) to rel, then its milestones and payments with in's side,
 * author and times, each through record_append (warnings: as there, one
 * line per date on the partner's day off). deposit_due is the date
 * (YYYY-MM-DD) ORDER_DEPOSIT_DAYS after in->at on the buyer's calendar:
 * the caller works it out with the zone functions its thread may use.
 * *id receives the order's id, *events how many events were appended and
 * *out, when out is not NULL, {"id", "milestones": [...], "payments":
 * [...]} (the caller releases it). -1 with e set otherwise: the caller
 * rolls its transaction back. */
int order_record(struct ledger *l, int64_t rel, const struct ledger_entry *in, const char *deposit_due,
                 struct buf *warnings, int64_t *id, int *events, json_t **out, struct err *e);

/* The milestones an order makes, as people read them: "sample approval,
 * bulk fabric in, ..., ex-factory". */
const char *order_milestone_list(void);

#endif
