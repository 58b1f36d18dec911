/* forms.c - the web app's forms: which kinds, who records them, and the
 * words of every field (forms.h). Tables only. */
#include "web/forms.h"

#include <string.h>

#include "web/i18n.h"

const char *const forms_group_titles[FORMS_NGROUPS] = {
	[FORMS_CONTACTS] = N_("Contacts"),
	[FORMS_UPDATES] = N_("Updates"),
	[FORMS_COMMITMENTS] = N_("Commitments"),
	[FORMS_ORDERS] = N_("Orders and payments"),
	[FORMS_ISSUES] = N_("Issues and actions"),
	[FORMS_VISITS] = N_("Visits and suggestions"),
	[FORMS_SPECS] = N_("Specifications"),
	[FORMS_GREETINGS] = N_("Greetings"),
	[FORMS_PEOPLE] = N_("People"),
	[FORMS_CLOSURES] = N_("Closures"),
};

const char *const forms_group_ids[FORMS_NGROUPS] = {
	[FORMS_CONTACTS] = "contacts",   [FORMS_UPDATES] = "updates", [FORMS_COMMITMENTS] = "commitments",
	[FORMS_ORDERS] = "orders",       [FORMS_ISSUES] = "issues",   [FORMS_VISITS] = "visits",
	[FORMS_SPECS] = "specs",         [FORMS_GREETINGS] = "greetings", [FORMS_PEOPLE] = "people",
	[FORMS_CLOSURES] = "closures",
};

/* The generic words of a form; a kind sets its own where they would not fit. */
#define REFUSED N_("Nothing was recorded: see the message below.")
#define AT_MISSING N_("Say when it happened.")

/* Who records what. The ledger takes any kind from either side (the
 * command line records for both); the web app lets each side record what
 * is its own to say:
 *   - the buyer places orders, owes and pays the payments and publishes
 *     and changes the specifications (a change the partner agreed to is
 *     recorded by the buyer with "agreed");
 *   - the partner submits the status updates its cadence asks for and
 *     says when its factory is closed;
 *   - everything else (contacts, promises of either side and what became
 *     of them, problems and their actions, visits, suggestions, greetings,
 *     people) either side records, naming in the body whose it is. */
const struct forms_kind forms_kinds[] = {
	{"contact", FORMS_CONTACTS, FORMS_BOTH, N_("Log a contact with %s"),
	 N_("A call, a video call, a message, an email, a meeting or a visit."), N_("Log the contact"),
	 N_("The contact was not logged: see the message below."), N_("Say when the contact took place.")},
	{"update.submit", FORMS_UPDATES, FORMS_PARTNER, N_("Submit a status update"),
	 N_("How production stands: on track or not, how far along, what comes next."), N_("Submit the update"),
	 REFUSED, AT_MISSING},
	{"commitment.add", FORMS_COMMITMENTS, FORMS_BOTH, N_("Record a commitment"),
	 N_("A promise by one side, with a due date."), N_("Record the commitment"), REFUSED, AT_MISSING},
	{"commitment.keep", FORMS_COMMITMENTS, FORMS_BOTH, N_("Record a commitment as kept"),
	 N_("A promise kept; after its due date it counts as late."), N_("Record as kept"), REFUSED, AT_MISSING},
	{"commitment.renegotiate", FORMS_COMMITMENTS, FORMS_BOTH, N_("Agree a new due date"),
	 N_("A new date agreed for a promise; agreed after the old one passed, it counts as late."),
	 N_("Record the new date"), REFUSED, AT_MISSING},
	{"commitment.break", FORMS_COMMITMENTS, FORMS_BOTH, N_("Record a commitment as broken"),
	 N_("A promise that will not be kept."), N_("Record as broken"), REFUSED, AT_MISSING},
	{"order.add", FORMS_ORDERS, FORMS_BUYER, N_("Place an order"),
	 N_("A purchase order, with its standard milestones and its deposit and balance."), N_("Record the order"),
	 REFUSED, AT_MISSING},
	{"payment.due", FORMS_ORDERS, FORMS_BUYER, N_("Record a payment due"), N_("A payment the buyer owes."),
	 N_("Record the payment"), REFUSED, AT_MISSING},
	{"payment.paid", FORMS_ORDERS, FORMS_BUYER, N_("Record a payment as paid"),
	 N_("A payment made, in full or in part."), N_("Record as paid"), REFUSED, AT_MISSING},
	{"issue.raise", FORMS_ISSUES, FORMS_BOTH, N_("Raise an issue"),
	 N_("A problem, disclosed by the side responsible or discovered by the other."), N_("Raise the issue"),
	 REFUSED, AT_MISSING},
	{"issue.ack", FORMS_ISSUES, FORMS_BOTH, N_("Acknowledge an issue"), N_("A problem seen and taken on."),
	 N_("Acknowledge"), REFUSED, AT_MISSING},
	{"issue.action", FORMS_ISSUES, FORMS_BOTH, N_("Add a corrective action"),
	 N_("A step to put a problem right, with the side that takes it and a due date."), N_("Add the action"),
	 REFUSED, AT_MISSING},
	{"issue.action_done", FORMS_ISSUES, FORMS_BOTH, N_("Record an action as done"), N_("A corrective step taken."),
	 N_("Record as done"), REFUSED, AT_MISSING},
	{"issue.resolve", FORMS_ISSUES, FORMS_BOTH, N_("Resolve an issue"), N_("A problem put right."),
	 N_("Resolve the issue"), REFUSED, AT_MISSING},
	{"issue.reopen", FORMS_ISSUES, FORMS_BOTH, N_("Reopen an issue"), N_("A resolved problem that came back."),
	 N_("Reopen the issue"), REFUSED, AT_MISSING},
	{"visit.add", FORMS_VISITS, FORMS_BOTH, N_("Record a visit"), N_("A site visit and the people met."),
	 N_("Record the visit"), REFUSED, AT_MISSING},
	{"suggestion.add", FORMS_VISITS, FORMS_BOTH, N_("Record a suggestion"), N_("An idea from someone met."),
	 N_("Record the suggestion"), REFUSED, AT_MISSING},
	{"suggestion.respond", FORMS_VISITS, FORMS_BOTH, N_("Answer a suggestion"),
	 N_("What became of a suggestion: acknowledged, adopted or declined."), N_("Record the answer"), REFUSED,
	 AT_MISSING},
	{"spec.publish", FORMS_SPECS, FORMS_BUYER, N_("Publish a specification"),
	 N_("A version of a style's specification (tech pack) and when production starts."),
	 N_("Publish the specification"), REFUSED, AT_MISSING},
	{"spec.change", FORMS_SPECS, FORMS_BUYER, N_("Record a specification change"),
	 N_("A change to a published specification; close to production it needs the partner's agreement."),
	 N_("Record the change"), REFUSED, AT_MISSING},
	{"greet", FORMS_GREETINGS, FORMS_BOTH, N_("Send greetings"), N_("Greetings for the other side's holiday or event."),
	 N_("Record the greeting"), REFUSED, AT_MISSING},
	{"person.add", FORMS_PEOPLE, FORMS_BOTH, N_("Add a person"), N_("Someone at either side."),
	 N_("Add the person"), REFUSED, AT_MISSING},
	{"closure.add", FORMS_CLOSURES, FORMS_PARTNER, N_("Record a closure"),
	 N_("Days the factory is closed beyond its country's holidays."), N_("Record the closure"), REFUSED,
	 AT_MISSING},
};

const size_t forms_nkinds = sizeof forms_kinds / sizeof forms_kinds[0];

const struct forms_kind *forms_kind(const char *kind)
{
	for (size_t i = 0; i < forms_nkinds; i++)
		if (!strcmp(forms_kinds[i].kind, kind))
			return &forms_kinds[i];
	return NULL;
}

int forms_side_may(const struct forms_kind *k, const char *side)
{
	unsigned s = !strcmp(side, "buyer") ? FORMS_BUYER : !strcmp(side, "partner") ? FORMS_PARTNER : 0;
	return (k->sides & s) != 0;
}

const char *const forms_at_label = N_("When");
const char *const forms_at_hint = N_("Local time in %s.");

/* Fields shared by several kinds first (kind NULL), then the kinds' own. */
const struct forms_field forms_fields[] = {
	{NULL, "note", N_("Note"), N_("Optional."), NULL, 0},
	{NULL, "due", N_("Due date"), NULL, NULL, 0},
	{NULL, "what", N_("What"), NULL, NULL, 0},
	{NULL, "reason", N_("Reason"), N_("Optional."), NULL, 0},
	{NULL, "style", N_("Style"), N_("The style's name or number."), NULL, 0},
	{NULL, "currency", N_("Currency"), N_("An ISO 4217 code, e.g. USD."), NULL, 0},
	{NULL, "amount", N_("Amount"), N_("A decimal with at most 4 places, e.g. 12500.00."), NULL, 0},
	{NULL, "by", N_("By"), NULL, FORMS_OWN_SIDE, 0},
	{NULL, "order", N_("Order"), N_("The order it is for (optional)."), NULL, CHOICE_ALL},
	{NULL, "commitment", N_("Commitment"), N_("One of the open commitments."), NULL, CHOICE_OPEN},
	{NULL, "issue", N_("Issue"), N_("One of the open issues."), NULL, CHOICE_OPEN},

	{"contact", "by", N_("Who made contact"), NULL, FORMS_OWN_SIDE, 0},
	{"contact", "kind", N_("How"), NULL, "call", 0},
	{"contact", "note", N_("Note"), N_("What was discussed or agreed (optional)."), NULL, 0},

	{"update.submit", "status", N_("Status"), NULL, NULL, 0},
	{"update.submit", "progress", N_("Progress, in percent"), N_("How far along, from 0 to 100."), NULL, 0},
	{"update.submit", "next", N_("Next milestone"), N_("What comes next (optional)."), NULL, 0},
	{"update.submit", "blockers", N_("Blockers"), N_("What is in the way (optional)."), NULL, 0},
	{"update.submit", "needs", N_("Needs"), N_("What is needed from the other side (optional)."), NULL, 0},

	{"commitment.add", "side", N_("Who promises"), NULL, FORMS_OWN_SIDE, 0},
	{"commitment.add", "what", N_("What is promised"), NULL, NULL, 0},
	{"commitment.add", "order", N_("Order"), N_("The order it belongs to (optional)."), NULL, CHOICE_ALL},
	{"commitment.add", "milestone", N_("Milestone"), N_("e.g. sample approval (optional)."), NULL, 0},
	{"commitment.renegotiate", "due", N_("New due date"), NULL, NULL, 0},
	{"commitment.break", "reason", N_("Why it was broken"), N_("Optional."), NULL, 0},

	{"order.add", "po", N_("PO number"), NULL, NULL, 0},
	{"order.add", "qty", N_("Quantity"), N_("Pieces."), NULL, 0},
	{"order.add", "price", N_("Unit price"), N_("A decimal with at most 4 places, e.g. 18.40."), NULL, 0},
	{"order.add", "ex_factory", N_("Ex-factory date"),
	 N_("The milestones are worked back from it; the deposit and the balance follow the agreed terms."), NULL, 0},
	{"payment.due", "label", N_("Label"), N_("e.g. deposit or balance (optional)."), NULL, 0},
	{"payment.paid", "payment", N_("Payment"), N_("One of the unpaid payments."), NULL, CHOICE_OPEN},
	{"payment.paid", "amount", N_("Amount paid"), N_("Leave it empty when the payment was paid in full."), NULL, 0},

	{"issue.raise", "title", N_("What went wrong"), NULL, NULL, 0},
	{"issue.raise", "severity", N_("Severity"), NULL, NULL, 0},
	{"issue.raise", "responsible", N_("Side responsible"), NULL, NULL, 0},
	{"issue.raise", "disclosure", N_("How it came to light"), NULL, NULL, 0},
	{"issue.raise", "note", N_("Details"), N_("Optional."), NULL, 0},
	{"issue.ack", "issue", N_("Issue"), N_("One of the open issues not yet acknowledged."), NULL, CHOICE_UNACKED},
	{"issue.action", "owner", N_("Who takes it"), NULL, NULL, 0},
	{"issue.action", "what", N_("Corrective step"), NULL, NULL, 0},
	{"issue.action_done", "action", N_("Action"), N_("One of the open actions."), NULL, CHOICE_OPEN},
	{"issue.resolve", "note", N_("Note"), N_("How it was put right (optional)."), NULL, 0},
	{"issue.reopen", "issue", N_("Issue"), N_("One of the resolved issues."), NULL, CHOICE_RESOLVED},
	{"issue.reopen", "note", N_("Note"), N_("Why it is reopened (optional)."), NULL, 0},

	{"visit.add", "by", N_("Who visited"), NULL, FORMS_OWN_SIDE, 0},
	{"visit.add", "date", N_("Date of the visit"), NULL, NULL, 0},
	{"visit.add", "met", N_("People met"), N_("Tick everyone met; add a person first if they are not listed."), NULL,
	 CHOICE_ALL},
	{"visit.add", "note", N_("Note"), N_("What was seen and discussed (optional)."), NULL, 0},
	{"suggestion.add", "person", N_("Suggested by"), NULL, NULL, CHOICE_ALL},
	{"suggestion.add", "text", N_("Suggestion"), NULL, NULL, 0},
	{"suggestion.add", "visit", N_("Visit"), N_("The visit it came up in (optional)."), NULL, CHOICE_ALL},
	{"suggestion.respond", "suggestion", N_("Suggestion"), N_("One of the suggestions not yet answered."), NULL,
	 CHOICE_OPEN},
	{"suggestion.respond", "outcome", N_("Outcome"), NULL, NULL, 0},
	{"suggestion.respond", "reason", N_("Reason"), N_("Required when the suggestion is declined."), NULL, 0},

	{"spec.publish", "version", N_("Version"), NULL, NULL, 0},
	{"spec.publish", "production_start", N_("Production start"), NULL, NULL, 0},
	{"spec.change", "style", N_("Style"), N_("A style whose specification has been published."), NULL, 0},
	{"spec.change", "what", N_("What changes"), NULL, NULL, 0},
	{"spec.change", "agreed", N_("The partner agreed to the change"),
	 N_("Close to production, a change the partner did not agree to counts against the buyer."), NULL, 0},

	{"greet", "by", N_("Who greets"), NULL, FORMS_OWN_SIDE, 0},
	{"greet", "occasion", N_("Occasion"), N_("The holiday or event, e.g. Spring Festival 2027."), NULL, 0},
	{"greet", "note", N_("Message"), N_("Optional."), NULL, 0},

	{"person.add", "side", N_("Works for"), NULL, FORMS_OWN_SIDE, 0},
	{"person.add", "name", N_("Name"), NULL, NULL, 0},
	{"person.add", "role", N_("Role"), NULL, NULL, 0},
	{"person.add", "lang", N_("Preferred language"), N_("An ISO 639-1 code, e.g. zh, vi or bn (optional)."), NULL,
	 0},

	{"closure.add", "from", N_("First day closed"), NULL, NULL, 0},
	{"closure.add", "to", N_("Last day closed"), NULL, NULL, 0},
	{"closure.add", "reason", N_("Reason"), N_("e.g. annual shutdown or power rationing."), NULL, 0},
};

const size_t forms_nfields = sizeof forms_fields / sizeof forms_fields[0];

const struct forms_field *forms_field(const char *kind, const char *field)
{
	const struct forms_field *any = NULL;
	for (size_t i = 0; i < forms_nfields; i++) {
		const struct forms_field *f = &forms_fields[i];
		if (strcmp(f->field, field))
			continue;
		if (!f->kind)
			any = f;
		else if (!strcmp(f->kind, kind))
			return f;
	}
	return any;
}

static const struct {
	const char *const *values;
	const char *value, *label;
} value_labels[] = {
	{event_contact_kinds, "call", N_("Call")},
	{event_contact_kinds, "video", N_("Video call")},
	{event_contact_kinds, "message", N_("Message")},
	{event_contact_kinds, "email", N_("Email")},
	{event_contact_kinds, "meeting", N_("Meeting")},
	{event_contact_kinds, "visit", N_("Visit")},
	{event_roles, "manager", N_("Manager")},
	{event_roles, "line_worker", N_("Line worker")},
	{event_roles, "qc", N_("Quality control")},
	{event_roles, "merchandiser", N_("Merchandiser")},
	{event_roles, "sourcing", N_("Sourcing")},
	{event_roles, "owner", N_("Owner")},
	{event_roles, "other", N_("Other")},
	{event_update_statuses, "on_track", N_("On track")},
	{event_update_statuses, "at_risk", N_("At risk")},
	{event_update_statuses, "late", N_("Late")},
	{event_update_statuses, "blocked", N_("Blocked")},
	{event_severities, "minor", N_("Minor")},
	{event_severities, "major", N_("Major")},
	{event_severities, "critical", N_("Critical")},
	{event_disclosures, "self", N_("Disclosed by the side responsible")},
	{event_disclosures, "discovered", N_("Discovered by the other side")},
	{event_outcomes, "acknowledged", N_("Acknowledged")},
	{event_outcomes, "adopted", N_("Adopted")},
	{event_outcomes, "declined", N_("Declined")},
};

const char *forms_value_label(const char *const *values, const char *value)
{
	for (size_t i = 0; i < sizeof value_labels / sizeof value_labels[0]; i++)
		if (value_labels[i].values == values && !strcmp(value_labels[i].value, value))
			return value_labels[i].label;
	return NULL;
}
