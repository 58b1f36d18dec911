/* layout.h - the page shell every HTML page is written in: doctype, the
 * lang attribute, the title, the inline style sheet (no external asset of
 * any kind), a header with the organisation's name, the navigation, the
 * sign-out form and the language switch; and the pieces of forms: a
 * labelled field with its error beside it and what was typed kept, the
 * hidden CSRF field, a notice. Pages stay readable on a phone: a viewport
 * and a fluid layout. Everything goes through the escaping printer. */
#ifndef RAPPORT_LAYOUT_H
#define RAPPORT_LAYOUT_H

#include <stddef.h>

#include "web/html.h"
#include "web/req.h"

/* Starts a page titled title (already translated; "TITLE - Rapport" in
 * the tab) and opens its <main>. */
void layout_begin(struct html *h, struct req *r, const char *title);
/* The same with the page's own rules (a string literal: CSS holds no user
 * input) appended to the shared style sheet; NULL for none. */
void layout_begin_css(struct html *h, struct req *r, const char *title, const char *css);
/* Closes <main> and the page. */
void layout_end(struct html *h, struct req *r);

/* <form method="post" action="..."> with its hidden CSRF field; and its end. */
void layout_form_begin(struct html *h, struct req *r, const char *action);
void layout_form_end(struct html *h);
/* The hidden csrf field alone. */
void layout_csrf(struct html *h, struct req *r);

/* One labelled form field. */
struct layout_field {
	const char *name;          /* the form field's name; its id is "f-NAME" */
	const char *label;         /* translated */
	const char *type;          /* an <input> type, or "textarea" or "select" */
	const char *value;         /* shown (kept after a refused POST); NULL for none. Never a password. */
	const char *error;         /* the message beside the field, NULL when it is fine */
	const char *hint;          /* a line under the field, NULL for none */
	const char *const *options; /* select: value, label, value, label, ..., NULL (labels translated) */
	int required;
	const char *autocomplete;  /* NULL for none */
	const char *min, *max;     /* an input's range (number, date), NULL for none */
	const char *inputmode;     /* an input's keyboard on a phone ("decimal"), NULL for none */
};
void layout_field(struct html *h, const struct layout_field *f);

/* One checkbox, ticked when checked, its label after it (f->type and
 * f->options unused; f->value is what it sends, "1" when NULL); its error
 * or hint as layout_field's. */
void layout_checkbox(struct html *h, const struct layout_field *f, int checked);

/* Checkboxes sharing one name, one per option (f->options: value, label,
 * ..., NULL), in a fieldset with id "f-NAME" whose legend is f->label;
 * each box's id is "f-NAME-VALUE". Those whose value is in checked
 * (NULL-terminated, may be NULL) are ticked. With no options it says
 * empty (translated) instead. Its error or hint as layout_field's. */
void layout_checkboxes(struct html *h, const struct layout_field *f, const char *const *checked, const char *empty);

/* A message above a form (role="alert"), escaped. */
void layout_notice(struct html *h, const char *msg);

/* A refusal's message names its field first ("note: longer than 2000
 * bytes"): copies the field's name into field (size bytes) and returns the
 * rest of the message; or "" in field and msg itself when it names none. */
const char *layout_error_split(const char *msg, char *field, size_t size);

#endif
