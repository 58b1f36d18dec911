/* test_layout.c - the form pieces of the page layout: a labelled field
 * with its error beside it and its value kept, escaped; and the split of
 * a refusal's message into its field and its reason. (The page shell
 * needs a request: tests/http checks it.) */
#include <criterion/criterion.h>
#include <string.h>

#include "web/layout.h"

static h2o_mem_pool_t pool;
static struct html h;

static void setup(void)
{
	h2o_mem_init_pool(&pool);
	html_init(&h, &pool);
}

static void teardown(void)
{
	h2o_mem_clear_pool(&pool);
}

TestSuite(layout, .init = setup, .fini = teardown);

Test(layout, an_input_with_its_label_and_value)
{
	layout_field(&h, &(struct layout_field){.name = "email", .label = "Email address", .type = "email",
	                                        .value = "a\"b@x.example", .required = 1, .autocomplete = "username"});
	cr_expect_str_eq(h.data, "<div class=\"field\">\n"
	                         "<label for=\"f-email\">Email address</label>\n"
	                         "<input type=\"email\" id=\"f-email\" name=\"email\" required autocomplete=\"username\" "
	                         "value=\"a&quot;b@x.example\">\n"
	                         "</div>\n");
}

Test(layout, an_error_goes_beside_the_field_which_is_marked_invalid)
{
	layout_field(&h, &(struct layout_field){.name = "at", .label = "When", .type = "datetime-local",
	                                        .value = "2026-12-01T09:00", .error = "in the future <now>",
	                                        .hint = "not shown with an error"});
	cr_expect_str_eq(h.data, "<div class=\"field invalid\">\n"
	                         "<label for=\"f-at\">When</label>\n"
	                         "<input type=\"datetime-local\" id=\"f-at\" name=\"at\" aria-invalid=\"true\" "
	                         "aria-describedby=\"f-at-err\" value=\"2026-12-01T09:00\">\n"
	                         "<p class=\"error\" id=\"f-at-err\">in the future &lt;now&gt;</p>\n"
	                         "</div>\n");
}

Test(layout, a_textarea_keeps_its_text_escaped_and_a_hint_is_linked)
{
	layout_field(&h, &(struct layout_field){.name = "note", .label = "Note", .type = "textarea",
	                                        .value = "</textarea><script>", .hint = "Optional."});
	cr_expect_str_eq(h.data, "<div class=\"field\">\n"
	                         "<label for=\"f-note\">Note</label>\n"
	                         "<textarea id=\"f-note\" name=\"note\" aria-describedby=\"f-note-hint\">"
	                         "&lt;/textarea&gt;&lt;script&gt;</textarea>\n"
	                         "<p class=\"hint\" id=\"f-note-hint\">Optional.</p>\n"
	                         "</div>\n");
}

Test(layout, a_select_marks_the_value_chosen)
{
	const char *opts[] = {"buyer", "Linden & Rowe", "partner", "Evergreen", NULL};
	layout_field(&h, &(struct layout_field){.name = "by", .label = "By", .type = "select", .value = "partner",
	                                        .options = opts});
	cr_expect_str_eq(h.data, "<div class=\"field\">\n"
	                         "<label for=\"f-by\">By</label>\n"
	                         "<select id=\"f-by\" name=\"by\">\n"
	                         "<option value=\"buyer\">Linden &amp; Rowe</option>\n"
	                         "<option value=\"partner\" selected>Evergreen</option>\n"
	                         "</select>\n"
	                         "</div>\n");
}

Test(layout, a_notice_is_an_alert)
{
	layout_notice(&h, "Wrong <b>");
	cr_expect_str_eq(h.data, "<p class=\"notice\" role=\"alert\">Wrong &lt;b&gt;</p>\n");
}

Test(layout, a_refusal_names_its_field_first)
{
	char field[32];
	const char *m = layout_error_split("note: longer than 4000 bytes", field, sizeof field);
	cr_expect_str_eq(field, "note");
	cr_expect_str_eq(m, "longer than 4000 bytes");
	m = layout_error_split("ex_factory: not a date: \"x\"", field, sizeof field);
	cr_expect_str_eq(field, "ex_factory");
	cr_expect_str_eq(m, "not a date: \"x\"");
	/* no field: the message whole */
	m = layout_error_split("partner: no relationship", field, 5);
	cr_expect_str_eq(field, "", "a name longer than the room is none");
	cr_expect_str_eq(m, "partner: no relationship");
	m = layout_error_split("Something went wrong", field, sizeof field);
	cr_expect_str_eq(field, "");
	cr_expect_str_eq(m, "Something went wrong");
	m = layout_error_split("--note: x", field, sizeof field);
	cr_expect_str_eq(field, "");
	m = layout_error_split("a.b: x", field, sizeof field);
	cr_expect_str_eq(field, "", "nested paths are not form fields");
	m = layout_error_split("note:x", field, sizeof field);
	cr_expect_str_eq(field, "");
}

Test(layout, a_number_has_its_range_and_a_decimal_its_keyboard)
{
	layout_field(&h, &(struct layout_field){.name = "progress", .label = "Progress", .type = "number", .min = "0",
	                                        .max = "100", .required = 1});
	layout_field(&h, &(struct layout_field){.name = "price", .label = "Price", .type = "text", .inputmode = "decimal"});
	cr_expect_str_eq(h.data, "<div class=\"field\">\n"
	                         "<label for=\"f-progress\">Progress</label>\n"
	                         "<input type=\"number\" id=\"f-progress\" name=\"progress\" required min=\"0\" max=\"100\">\n"
	                         "</div>\n"
	                         "<div class=\"field\">\n"
	                         "<label for=\"f-price\">Price</label>\n"
	                         "<input type=\"text\" id=\"f-price\" name=\"price\" inputmode=\"decimal\">\n"
	                         "</div>\n");
}

Test(layout, a_checkbox_has_its_label_after_it)
{
	layout_checkbox(&h, &(struct layout_field){.name = "agreed", .label = "Agreed <now>", .hint = "Optional."}, 1);
	cr_expect_str_eq(h.data, "<div class=\"field check\">\n"
	                         "<input type=\"checkbox\" id=\"f-agreed\" name=\"agreed\" value=\"1\" checked "
	                         "aria-describedby=\"f-agreed-hint\">\n"
	                         "<label for=\"f-agreed\">Agreed &lt;now&gt;</label>\n"
	                         "<p class=\"hint\" id=\"f-agreed-hint\">Optional.</p>\n"
	                         "</div>\n");
}

Test(layout, checkboxes_share_a_name_each_with_its_own_id)
{
	const char *opts[] = {"7", "Chen <Jing>", "8", "Li Wei", NULL};
	const char *ticked[] = {"8", NULL};
	layout_checkboxes(&h, &(struct layout_field){.name = "met", .label = "People met", .error = "listed twice"},
	                  ticked, "Nobody yet.");
	cr_expect_str_eq(h.data, "<fieldset class=\"field checks invalid\" id=\"f-met\" aria-invalid=\"true\" "
	                         "aria-describedby=\"f-met-err\">\n"
	                         "<legend>People met</legend>\n"
	                         "<p class=\"empty\">Nobody yet.</p>\n"
	                         "<p class=\"error\" id=\"f-met-err\">listed twice</p>\n"
	                         "</fieldset>\n");
	html_init(&h, &pool);
	layout_checkboxes(&h, &(struct layout_field){.name = "met", .label = "People met", .options = opts}, ticked,
	                  "Nobody yet.");
	cr_expect_str_eq(h.data, "<fieldset class=\"field checks\" id=\"f-met\">\n"
	                         "<legend>People met</legend>\n"
	                         "<div class=\"check\"><input type=\"checkbox\" id=\"f-met-7\" name=\"met\" value=\"7\">"
	                         "<label for=\"f-met-7\">Chen &lt;Jing&gt;</label></div>\n"
	                         "<div class=\"check\"><input type=\"checkbox\" id=\"f-met-8\" name=\"met\" value=\"8\" "
	                         "checked><label for=\"f-met-8\">Li Wei</label></div>\n"
	                         "</fieldset>\n");
}
