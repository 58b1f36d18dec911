/* test_forms.c - the web app's table of forms (web/forms.c) against
 * event.c's table of kinds: every kind has a form or is named as having
 * none, every field of every form has a label, every value of every
 * enumeration a label, every field naming an entity a list to choose
 * from, and the sides each kind is recorded by. A field or a kind added
 * to event.c without its words fails here. */
#include <criterion/criterion.h>
#include <string.h>

#include "event.h"
#include "store/choices.h"
#include "web/forms.h"

/* The kinds without a form, and why (forms.h). */
static const char *const no_form[] = {"relationship.open", "settings", "weights.set", "correct", NULL};

/* The field types page_record.c draws. */
static int drawable(enum field_type t)
{
	switch (t) {
	case F_TEXT:
	case F_NOTE:
	case F_ENUM:
	case F_INT:
	case F_DATE:
	case F_DECIMAL:
	case F_CURRENCY:
	case F_LANG:
	case F_REF:
	case F_REFS:
	case F_BOOL:
		return 1;
	default:
		return 0;
	}
}

Test(forms, every_kind_has_a_form_or_is_named_as_having_none)
{
	for (size_t i = 0; i < event_nkinds; i++) {
		const char *k = event_kinds[i].name;
		int none = event_in(k, no_form);
		cr_expect(none != (forms_kind(k) != NULL), "%s: %s", k,
		          none ? "has a form, yet is named as having none" : "has no form in web/forms.c");
	}
	for (size_t i = 0; i < forms_nkinds; i++)
		cr_expect_not_null(event_kind_find(forms_kinds[i].kind), "%s: no such event kind", forms_kinds[i].kind);
	cr_expect_null(forms_kind("nonsense"));
	cr_expect_null(forms_kind(""));
}

Test(forms, every_field_of_every_form_has_a_label_and_can_be_drawn)
{
	size_t fields = 0;
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct forms_kind *k = &forms_kinds[i];
		const struct event_kind *ek = event_kind_find(k->kind);
		for (const struct field *f = ek->fields; f->name; f++, fields++) {
			const struct forms_field *ff = forms_field(k->kind, f->name);
			cr_expect_not_null(ff, "%s.%s has no label in web/forms.c", k->kind, f->name);
			if (!ff)
				continue;
			cr_expect(ff->label && ff->label[0], "%s.%s: an empty label", k->kind, f->name);
			cr_expect(drawable(f->type), "%s.%s: a form cannot draw its type (%d)", k->kind, f->name, (int)f->type);
			cr_expect_neq(strcmp(f->name, FORMS_AT), 0, "%s: a body field called %s clashes with \"when\"",
			              k->kind, f->name);
		}
	}
	cr_expect_gt(fields, 60, "the forms have %zu fields", fields);
	cr_expect(forms_at_label[0] && strstr(forms_at_hint, "%s"));
}

Test(forms, every_value_of_every_enumeration_has_a_label)
{
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct event_kind *ek = event_kind_find(forms_kinds[i].kind);
		for (const struct field *f = ek->fields; f->name; f++) {
			if (f->type != F_ENUM || f->values == event_sides)
				continue; /* the sides are named by the parties' names */
			for (const char *const *v = f->values; *v; v++) {
				const char *l = forms_value_label(f->values, *v);
				cr_expect(l && l[0], "%s.%s: the value %s has no label", ek->name, f->name, *v);
			}
		}
	}
	cr_expect_null(forms_value_label(event_sides, "buyer"));
	cr_expect_str_eq(forms_value_label(event_roles, "qc"), "Quality control");
	cr_expect_null(forms_value_label(event_roles, "call"), "a label belongs to its enumeration");
}

Test(forms, every_field_naming_an_entity_offers_a_list_of_them)
{
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct event_kind *ek = event_kind_find(forms_kinds[i].kind);
		for (const struct field *f = ek->fields; f->name; f++) {
			if (f->type != F_REF && f->type != F_REFS)
				continue;
			const struct forms_field *ff = forms_field(ek->name, f->name);
			cr_assert_not_null(ff);
			cr_expect(store_choices_known(f->entity, ff->which), "%s.%s: no list of %s entities (%d)", ek->name,
			          f->name, f->entity, (int)ff->which);
		}
	}
	/* each list is the one its kind can use */
	cr_expect_eq(forms_field("commitment.keep", "commitment")->which, CHOICE_OPEN);
	cr_expect_eq(forms_field("issue.ack", "issue")->which, CHOICE_UNACKED);
	cr_expect_eq(forms_field("issue.reopen", "issue")->which, CHOICE_RESOLVED);
	cr_expect_eq(forms_field("issue.resolve", "issue")->which, CHOICE_OPEN);
	cr_expect_eq(forms_field("payment.paid", "payment")->which, CHOICE_OPEN);
	cr_expect_eq(forms_field("visit.add", "met")->which, CHOICE_ALL);
}

Test(forms, a_kind_s_own_words_come_before_the_shared_ones)
{
	cr_expect_str_eq(forms_field("contact", "by")->label, "Who made contact");
	cr_expect_str_eq(forms_field("greet", "by")->label, "Who greets");
	cr_expect_str_eq(forms_field("contact", "note")->hint, "What was discussed or agreed (optional).");
	cr_expect_str_eq(forms_field("issue.resolve", "note")->hint, "How it was put right (optional).");
	cr_expect_str_eq(forms_field("commitment.break", "commitment")->label, "Commitment", "the shared entry");
	cr_expect_null(forms_field("contact", "nonsense"));
}

/* 1 when kind (an event kind) has a field called name. */
static int has_field(const char *kind, const char *name)
{
	const struct event_kind *k = event_kind_find(kind);
	for (const struct field *f = k ? k->fields : NULL; f && f->name; f++)
		if (!strcmp(f->name, name))
			return 1;
	return 0;
}

Test(forms, every_entry_belongs_to_a_field_that_exists)
{
	/* no entry left over from a field renamed or removed: one naming a
	 * kind is for a field of that kind's form; a shared one (a fallback
	 * for the kinds without their own) for a field some form has */
	for (size_t i = 0; i < forms_nfields; i++) {
		const struct forms_field *ff = &forms_fields[i];
		if (ff->kind) {
			cr_expect(forms_kind(ff->kind) && has_field(ff->kind, ff->field), "%s.%s: no such field of a form",
			          ff->kind, ff->field);
			continue;
		}
		int some = 0;
		for (size_t k = 0; k < forms_nkinds && !some; k++)
			some = has_field(forms_kinds[k].kind, ff->field);
		cr_expect(some, "the shared entry for %s: no form has the field", ff->field);
	}
	/* a default is a value of the field's enumeration, or the user's side */
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct event_kind *ek = event_kind_find(forms_kinds[i].kind);
		for (const struct field *f = ek->fields; f->name; f++) {
			const struct forms_field *ff = forms_field(ek->name, f->name);
			if (!ff || !ff->dflt)
				continue;
			/* a default is a value of the field's enumeration, or the user's side */
			cr_expect_eq(f->type, F_ENUM, "%s.%s: a default for a field that is not a choice", ek->name, f->name);
			if (!strcmp(ff->dflt, FORMS_OWN_SIDE))
				cr_expect(f->values == event_sides, "%s.%s: the user's side as default of another list", ek->name,
				          f->name);
			else
				cr_expect(event_in(ff->dflt, f->values), "%s.%s: the default %s is not one of its values", ek->name,
				          f->name, ff->dflt);
		}
	}
}

Test(forms, each_kind_has_its_words_and_its_sides)
{
	int groups[FORMS_NGROUPS] = {0};
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct forms_kind *k = &forms_kinds[i];
		cr_expect(k->title && k->what && k->submit && k->refused && k->at_missing, "%s: words missing", k->kind);
		/* the title may name the partner once, and holds no other directive */
		const char *p = strchr(k->title, '%');
		cr_expect(!p || (p[1] == 's' && !strchr(p + 2, '%')), "%s: %s", k->kind, k->title);
		cr_expect(k->sides && !(k->sides & ~FORMS_BOTH), "%s: sides %u", k->kind, k->sides);
		cr_assert(k->group < FORMS_NGROUPS);
		groups[k->group]++;
	}
	for (int g = 0; g < FORMS_NGROUPS; g++) {
		cr_expect_gt(groups[g], 0, "the group %s has no form", forms_group_titles[g]);
		cr_expect(forms_group_ids[g] && forms_group_ids[g][0]);
	}
}

Test(forms, who_records_what)
{
	static const char *const buyer_only[] = {"order.add", "payment.due", "payment.paid", "spec.publish",
	                                          "spec.change", NULL};
	static const char *const partner_only[] = {"update.submit", "closure.add", NULL};
	for (size_t i = 0; i < forms_nkinds; i++) {
		const struct forms_kind *k = &forms_kinds[i];
		int b = forms_side_may(k, "buyer"), p = forms_side_may(k, "partner");
		if (event_in(k->kind, buyer_only))
			cr_expect(b && !p, "%s: the buyer's alone", k->kind);
		else if (event_in(k->kind, partner_only))
			cr_expect(!b && p, "%s: the partner's alone", k->kind);
		else
			cr_expect(b && p, "%s: either side's", k->kind);
		cr_expect(!forms_side_may(k, "viewer") && !forms_side_may(k, ""));
	}
}
