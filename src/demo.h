/* demo.h - a realistic, deterministic demo history: one UK knitwear brand,
 * factories in Dongguan, Ho Chi Minh City and Dhaka, two years of every
 * practice, appended through the ledger like any other events. */
#ifndef RAPPORT_DEMO_H
#define RAPPORT_DEMO_H

#include <stdint.h>

#include "ledger.h"

struct demo_stats {
	int64_t partners;
	int64_t events;
};

/* Builds the demo into an initialised, empty database: history ending at
 * today (seconds UTC), scale times the partners and, from scale 10 on,
 * scale / 5 years. Commits every few thousand events. */
int demo_build(struct ledger *l, int64_t today, int scale, struct demo_stats *stats, struct err *e);

#endif
