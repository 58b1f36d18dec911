/* forms.h - which events the web app has a form for, and how each form
 * reads: the kinds a user may record (grouped for the list of forms, and
 * which side records each), a label and a hint for every field of every
 * one of them, labels for the values of their enumerations, what is
 * preselected on a new form and which entities a field naming one offers.
 * The fields themselves, their types and their rules are event.c's table:
 * the form pages (page_record.c) walk it, so a field added there needs a
 * label here and no other code (a unit test fails until it has one).
 *
 * Strings here are msgids (N_()): the pages translate them with _(). No
 * HTTP, no database. */
#ifndef RAPPORT_FORMS_H
#define RAPPORT_FORMS_H

#include <stddef.h>

#include "event.h"
#include "store/choices.h"

/* The groups of the list of forms, in the order it shows them. */
enum forms_group {
	FORMS_CONTACTS,
	FORMS_UPDATES,
	FORMS_COMMITMENTS,
	FORMS_ORDERS,   /* orders and payments */
	FORMS_ISSUES,   /* issues and their actions */
	FORMS_VISITS,   /* visits and suggestions */
	FORMS_SPECS,
	FORMS_GREETINGS,
	FORMS_PEOPLE,
	FORMS_CLOSURES,
	FORMS_NGROUPS,
};
extern const char *const forms_group_titles[FORMS_NGROUPS];
extern const char *const forms_group_ids[FORMS_NGROUPS]; /* "updates", ...: the list's anchors */

/* Who records a kind from the web: the side the user's organisation is. */
#define FORMS_BUYER 1u
#define FORMS_PARTNER 2u
#define FORMS_BOTH (FORMS_BUYER | FORMS_PARTNER)

struct forms_kind {
	const char *kind;        /* the event kind (event.c's table) */
	enum forms_group group;
	unsigned sides;          /* FORMS_BUYER, FORMS_PARTNER or both */
	const char *title;       /* the page's title and the link to it; may hold one %s: the partner's name */
	const char *what;        /* one sentence under the link on the list of forms */
	const char *submit;      /* the button */
	const char *refused;     /* the notice over a refused form */
	const char *at_missing;  /* the message when "when" is left empty */
};

/* Every kind with a form, in the list's order. Kinds that are not the
 * record of something that happened between the two sides have none:
 * relationship.open (rapport partner add), settings and weights.set (the
 * rules, agreed elsewhere) and correct (which names an event by its
 * sequence number). */
extern const struct forms_kind forms_kinds[];
extern const size_t forms_nkinds;

/* The form of kind, or NULL when it has none. */
const struct forms_kind *forms_kind(const char *kind);

/* 1 when a user of side ("buyer" or "partner") may record k from the web. */
int forms_side_may(const struct forms_kind *k, const char *side);

/* FORMS_OWN_SIDE as a field's dflt: the user's own side. */
#define FORMS_OWN_SIDE "@side"

/* How one field of a form reads. */
struct forms_field {
	const char *kind;  /* the kind it is for; NULL: every kind without an entry of its own */
	const char *field; /* the body field's name */
	const char *label;
	const char *hint;  /* a line under the field, or NULL */
	const char *dflt;  /* the value a new form starts with, FORMS_OWN_SIDE, or NULL for none */
	enum store_choice_which which; /* F_REF, F_REFS: which of the entities the field offers */
};

/* Every entry, the shared ones (kind NULL) first. */
extern const struct forms_field forms_fields[];
extern const size_t forms_nfields;

/* The entry for field of kind: kind's own, else the one for every kind;
 * NULL when there is none. */
const struct forms_field *forms_field(const char *kind, const char *field);

/* The label of value in the enumeration values (one of event.c's lists),
 * or NULL when there is none. The sides (event_sides) have none: a page
 * names them by the parties' names. */
const char *forms_value_label(const char *const *values, const char *value);

/* The form's "when it happened" field, which every form has besides the
 * body's: its name, label and hint (a format taking the zone's name). */
#define FORMS_AT "at"
extern const char *const forms_at_label;
extern const char *const forms_at_hint;

#endif
