/* layout.c - the page shell and form fields (layout.h). The header's
 * links come from a table and appear only once the route table has their
 * page, so the navigation never leads to a 404. */
#include "web/layout.h"

#include <string.h>

#include "web/auth.h"
#include "web/i18n.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"

/* The main navigation, in order. */
static const struct {
	const char *path;
	const char *label;
} nav[] = {
	{"/", N_("Dashboard")},
	{"/agenda", N_("Agenda")},
	{"/holidays", N_("Holidays")},
	{"/people", N_("People")},
	{"/settings", N_("Settings")},
};

/* One style sheet, inline: the pages load nothing else. Fluid widths, a
 * wrapping header and full-width fields make them usable on a phone. */
#define STYLE                                                                                                         \
	"*{box-sizing:border-box}\n"                                                                                  \
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",\"PingFang SC\",\"Microsoft YaHei\","      \
	"\"Noto Sans CJK SC\",sans-serif;color:#1f2328;background:#f6f7f9}\n"                                          \
	"a{color:#0b5cad}\n"                                                                                          \
	"header{background:#1d3557;color:#fff}\n"                                                                    \
	"header .bar{max-width:64rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;" \
	"gap:.5rem 1.5rem}\n"                                                                                         \
	"header a{color:#fff;text-decoration:none}\n"                                                                \
	".brand{font-weight:600;font-size:1.1rem;margin-right:auto}\n"                                               \
	"nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}\n"                   \
	"nav a[aria-current]{text-decoration:underline;text-underline-offset:.3em}\n"                                \
	".tools{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;font-size:.9rem}\n"                    \
	".tools form{display:flex;align-items:center;gap:.3rem;margin:0}\n"                                          \
	".tools select{width:auto;padding:.1rem;color:#1f2328}\n"                                                    \
	".tools button{padding:.1rem .6rem;background:#fff;color:#1d3557}\n"                                         \
	"main{max-width:64rem;margin:0 auto;padding:1rem}\n"                                                         \
	"h1{font-size:1.5rem;margin:.5rem 0 1rem}\n"                                                                 \
	"h2{font-size:1.2rem}\n"                                                                                     \
	".scroll{overflow-x:auto}\n"                                                                                 \
	"table{border-collapse:collapse;width:100%;background:#fff}\n"                                              \
	"th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d8dee4;vertical-align:top}\n"           \
	".num{text-align:right}\n"                                                                                   \
	".card{background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:1rem;max-width:32rem}\n"         \
	".field{margin:0 0 1rem}\n"                                                                                  \
	".field label{display:block;font-weight:600;margin-bottom:.2rem}\n"                                         \
	"fieldset.field{border:0;padding:0}fieldset.field legend{font-weight:600;padding:0;margin-bottom:.2rem}\n"  \
	".check{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem .5rem}.check input{width:auto}\n"         \
	".check label{display:inline;font-weight:normal;margin:0}.check p{flex-basis:100%}\n"                      \
	"div.field.check>label{font-weight:600}\n"                                                                  \
	".crumbs{margin:0 0 .5rem;color:#57606a}\n"                                                                 \
	".forms h2{margin-top:1.5rem}.forms ul{padding-left:1.2rem}.forms li{margin:.3rem 0}\n"                     \
	"input,select,textarea,button{font:inherit}\n"                                                               \
	"input,select,textarea{width:100%;max-width:32rem;padding:.45rem .5rem;border:1px solid #8c959f;"           \
	"border-radius:4px;background:#fff;color:inherit}\n"                                                         \
	"textarea{min-height:6rem}\n"                                                                                \
	"button{padding:.45rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}\n"    \
	".invalid input,.invalid select,.invalid textarea{border-color:#b3261e;border-width:2px}\n"                  \
	".error{color:#b3261e;margin:.2rem 0 0}\n"                                                                   \
	".hint{color:#57606a;font-size:.9rem;margin:.2rem 0 0}\n"                                                    \
	".notice{padding:.6rem .8rem;border-radius:4px;background:#fdecea;color:#8a1c13;border:1px solid #f3b8b2;"   \
	"max-width:32rem}\n"                                                                                          \
	"@media (max-width:40rem){header .bar{padding:.5rem .75rem}main{padding:.75rem}.brand{width:100%}\n"          \
	/* a list table becomes one card per row: the first cell its title */                                      \
	"table.list thead{position:absolute;left:-9999px}\n"                                                        \
	"table.list tr{display:block;padding:.5rem .6rem;border-bottom:1px solid #d8dee4}\n"                        \
	"table.list td{display:inline-block;border:0;padding:0 .8rem 0 0}\n"                                        \
	"table.list td:first-child{display:block;font-weight:600}}\n"

static void lang_switch(struct html *h, struct req *r)
{
	html_lit(h, "<form method=\"post\" action=\"/lang\">");
	layout_csrf(h, r);
	html_printf(h, "<input type=\"hidden\" name=\"next\" value=\"%h\">", req_target(r));
	html_printf(h, "<label for=\"lang-switch\">%h</label><select id=\"lang-switch\" name=\"lang\">", _("Language"));
	for (int i = 0; i < I18N_COUNT; i++)
		html_printf(h, "<option value=\"%h\" lang=\"%h\"%h>%h</option>", i18n_langs[i].tag, i18n_langs[i].tag,
		            i == r->lang ? " selected" : "", i18n_langs[i].name);
	html_printf(h, "</select><button type=\"submit\">%h</button></form>\n", _("Change"));
}

void layout_begin(struct html *h, struct req *r, const char *title)
{
	layout_begin_css(h, r, title, NULL);
}

void layout_begin_css(struct html *h, struct req *r, const char *title, const char *css)
{
	html_printf(h,
	            "<!DOCTYPE html>\n"
	            "<html lang=\"%h\">\n"
	            "<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<title>%h - Rapport</title>\n",
	            i18n_langs[r->lang >= 0 && r->lang < I18N_COUNT ? r->lang : 0].tag, title);
	/* a literal, not a format: the style sheet holds percent signs */
	html_lit(h, "<style>\n" STYLE);
	if (css)
		html_raw_(h, css, strlen(css));
	html_lit(h, "</style>\n</head>\n<body>\n<header><div class=\"bar\">\n");
	const struct session_user *u = r->session;
	html_printf(h, "<a class=\"brand\" href=\"/\">%h</a>\n", u && u->org[0] ? u->org : "Rapport");
	if (u) {
		html_printf(h, "<nav aria-label=\"%h\"><ul>\n", _("Main menu"));
		for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
			if (!route_lookup("GET", nav[i].path))
				continue;
			if (strcmp(r->path, nav[i].path))
				html_printf(h, "<li><a href=\"%h\">%h</a></li>\n", nav[i].path, _(nav[i].label));
			else
				html_printf(h, "<li><a href=\"%h\" aria-current=\"page\">%h</a></li>\n", nav[i].path,
				            _(nav[i].label));
		}
		html_lit(h, "</ul></nav>\n");
	}
	if (r->web) {
		html_lit(h, "<div class=\"tools\">\n");
		lang_switch(h, r);
		if (u) {
			html_lit(h, "<form method=\"post\" action=\"/logout\">");
			layout_csrf(h, r);
			html_printf(h, "<span>%h</span><button type=\"submit\">%h</button></form>\n", u->email, _("Sign out"));
		}
		html_lit(h, "</div>\n");
	}
	html_lit(h, "</div></header>\n<main>\n");
}

void layout_end(struct html *h, struct req *r)
{
	(void)r;
	html_lit(h, "</main>\n</body>\n</html>\n");
}

void layout_csrf(struct html *h, struct req *r)
{
	html_printf(h, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">", auth_csrf_token(r));
}

void layout_form_begin(struct html *h, struct req *r, const char *action)
{
	html_printf(h, "<form method=\"post\" action=\"%h\">\n", action);
	layout_csrf(h, r);
	html_lit(h, "\n");
}

void layout_form_end(struct html *h)
{
	html_lit(h, "</form>\n");
}

void layout_field(struct html *h, const struct layout_field *f)
{
	html_printf(h, "<div class=\"field%h\">\n<label for=\"f-%h\">%h</label>\n", f->error ? " invalid" : "", f->name,
	            f->label);
	/* the attributes every kind of control shares */
	struct html attrs;
	html_init(&attrs, h->pool);
	html_printf(&attrs, " id=\"f-%h\" name=\"%h\"", f->name, f->name);
	if (f->required)
		html_lit(&attrs, " required");
	if (f->autocomplete)
		html_printf(&attrs, " autocomplete=\"%h\"", f->autocomplete);
	if (f->min)
		html_printf(&attrs, " min=\"%h\"", f->min);
	if (f->max)
		html_printf(&attrs, " max=\"%h\"", f->max);
	if (f->inputmode)
		html_printf(&attrs, " inputmode=\"%h\"", f->inputmode);
	if (f->error)
		html_printf(&attrs, " aria-invalid=\"true\" aria-describedby=\"f-%h-err\"", f->name);
	else if (f->hint)
		html_printf(&attrs, " aria-describedby=\"f-%h-hint\"", f->name);
	html_lit(&attrs, ""); /* an empty list is "", not NULL */
	if (!strcmp(f->type, "textarea")) {
		html_raw_(h, "<textarea", 9);
		html_raw_(h, attrs.data, attrs.len);
		html_printf(h, ">%h</textarea>\n", f->value ? f->value : "");
	} else if (!strcmp(f->type, "select")) {
		html_raw_(h, "<select", 7);
		html_raw_(h, attrs.data, attrs.len);
		html_lit(h, ">\n");
		for (const char *const *o = f->options; o && o[0]; o += 2)
			html_printf(h, "<option value=\"%h\"%h>%h</option>\n", o[0],
			            f->value && !strcmp(f->value, o[0]) ? " selected" : "", o[1]);
		html_lit(h, "</select>\n");
	} else {
		html_printf(h, "<input type=\"%h\"", f->type);
		html_raw_(h, attrs.data, attrs.len);
		if (f->value)
			html_printf(h, " value=\"%h\"", f->value);
		html_lit(h, ">\n");
	}
	if (f->error)
		html_printf(h, "<p class=\"error\" id=\"f-%h-err\">%h</p>\n", f->name, f->error);
	else if (f->hint)
		html_printf(h, "<p class=\"hint\" id=\"f-%h-hint\">%h</p>\n", f->name, f->hint);
	html_lit(h, "</div>\n");
}

/* The error or the hint under a field, and the end of its block. */
static void field_end(struct html *h, const struct layout_field *f, const char *tag)
{
	if (f->error)
		html_printf(h, "<p class=\"error\" id=\"f-%h-err\">%h</p>\n", f->name, f->error);
	else if (f->hint)
		html_printf(h, "<p class=\"hint\" id=\"f-%h-hint\">%h</p>\n", f->name, f->hint);
	html_printf(h, "</%h>\n", tag);
}

/* aria-invalid and aria-describedby of a field with an error or a hint. */
static void described(struct html *h, const struct layout_field *f)
{
	if (f->error)
		html_printf(h, " aria-invalid=\"true\" aria-describedby=\"f-%h-err\"", f->name);
	else if (f->hint)
		html_printf(h, " aria-describedby=\"f-%h-hint\"", f->name);
}

void layout_checkbox(struct html *h, const struct layout_field *f, int checked)
{
	html_printf(h, "<div class=\"field check%h\">\n<input type=\"checkbox\" id=\"f-%h\" name=\"%h\" value=\"%h\"%h",
	            f->error ? " invalid" : "", f->name, f->name, f->value ? f->value : "1", checked ? " checked" : "");
	described(h, f);
	html_printf(h, ">\n<label for=\"f-%h\">%h</label>\n", f->name, f->label);
	field_end(h, f, "div");
}

void layout_checkboxes(struct html *h, const struct layout_field *f, const char *const *checked, const char *empty)
{
	html_printf(h, "<fieldset class=\"field checks%h\" id=\"f-%h\"", f->error ? " invalid" : "", f->name);
	described(h, f);
	html_printf(h, ">\n<legend>%h</legend>\n", f->label);
	if (!f->options || !f->options[0])
		html_printf(h, "<p class=\"empty\">%h</p>\n", empty);
	for (const char *const *o = f->options; o && o[0]; o += 2) {
		int on = 0;
		for (const char *const *c = checked; c && *c && !on; c++)
			on = !strcmp(*c, o[0]);
		html_printf(h,
		            "<div class=\"check\"><input type=\"checkbox\" id=\"f-%h-%h\" name=\"%h\" value=\"%h\"%h>"
		            "<label for=\"f-%h-%h\">%h</label></div>\n",
		            f->name, o[0], f->name, o[0], on ? " checked" : "", f->name, o[0], o[1]);
	}
	field_end(h, f, "fieldset");
}

void layout_notice(struct html *h, const char *msg)
{
	html_printf(h, "<p class=\"notice\" role=\"alert\">%h</p>\n", msg);
}

const char *layout_error_split(const char *msg, char *field, size_t size)
{
	size_t n = 0;
	while ((msg[n] >= 'a' && msg[n] <= 'z') || msg[n] == '_' || (n > 0 && msg[n] >= '0' && msg[n] <= '9'))
		n++;
	field[0] = '\0';
	if (n == 0 || n >= size || msg[n] != ':' || msg[n + 1] != ' ')
		return msg;
	memcpy(field, msg, n);
	field[n] = '\0';
	return msg + n + 2;
}
