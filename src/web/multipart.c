/* multipart.c - multipart/form-data through GMime (multipart.h). */
#include "web/multipart.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <string.h>

#include "util/utf8.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void setup(void)
{
	g_mime_init();
}

static int text_ok(const char *s, size_t n)
{
	return n == 0 || (utf8_valid(s, n) && !memchr(s, '\0', n)); /* an empty part's s is NULL */
}

static const char *pool_copy(h2o_mem_pool_t *pool, const void *s, size_t n)
{
	char *out = h2o_mem_alloc_pool(pool, n + 1);
	if (n)
		memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* The bytes of part (its transfer encoding undone, none from a browser). */
static GByteArray *content(GMimePart *part, GMimeStream **keep)
{
	*keep = g_mime_stream_mem_new();
	GMimeDataWrapper *w = g_mime_part_get_content(part);
	if (w && g_mime_data_wrapper_write_to_stream(w, *keep) < 0)
		return NULL;
	return g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(*keep));
}

static int parts(h2o_mem_pool_t *pool, GMimeMultipart *mp, struct form *fields, struct form_files *files,
                 struct err *e)
{
	int n = g_mime_multipart_get_count(mp);
	if (n <= 0)
		return err_set(e, ERR_INPUT, "the form holds no field (is its boundary right?)");
	if (n > FORM_MAX_FIELDS + MULTIPART_MAX_FILES)
		return err_set(e, ERR_INPUT, "the form has more than %d fields", FORM_MAX_FIELDS);
	fields->f = h2o_mem_alloc_pool(pool, (size_t)n * sizeof *fields->f);
	for (int i = 0; i < n; i++) {
		GMimeObject *o = g_mime_multipart_get_part(mp, i);
		GMimeContentDisposition *d = g_mime_object_get_content_disposition(o);
		const char *disp = d ? g_mime_content_disposition_get_disposition(d) : NULL;
		const char *name = d ? g_mime_content_disposition_get_parameter(d, "name") : NULL;
		if (!GMIME_IS_PART(o) || !disp || g_ascii_strcasecmp(disp, "form-data") || !name)
			return err_set(e, ERR_INPUT, "part %d of the form is not a form field with a name", i + 1);
		if (!text_ok(name, strlen(name)))
			return err_set(e, ERR_INPUT, "a field's name is not text");
		const char *filename = g_mime_content_disposition_get_parameter(d, "filename");
		GMimeStream *keep;
		GByteArray *a = content(GMIME_PART(o), &keep);
		int rc = 0;
		if (!a) {
			rc = err_set(e, ERR_INPUT, "%s: the field could not be read", name);
		} else if (filename) {
			if (files->n == MULTIPART_MAX_FILES) {
				rc = err_set(e, ERR_INPUT, "the form has more than %d files", MULTIPART_MAX_FILES);
			} else {
				struct form_file *f = &files->f[files->n++];
				f->name = pool_copy(pool, name, strlen(name));
				f->filename = text_ok(filename, strlen(filename)) ? pool_copy(pool, filename, strlen(filename)) : "";
				f->data = pool_copy(pool, a->data, a->len);
				f->len = a->len;
			}
		} else if (!text_ok((const char *)a->data, a->len)) {
			rc = err_set(e, ERR_INPUT, "%s: not text (UTF-8 without NUL)", name);
		} else if (fields->n == FORM_MAX_FIELDS) {
			rc = err_set(e, ERR_INPUT, "the form has more than %d fields", FORM_MAX_FIELDS);
		} else {
			struct form_field *f = &fields->f[fields->n++];
			f->name = pool_copy(pool, name, strlen(name));
			f->name_len = strlen(name);
			f->value = pool_copy(pool, a->data, a->len);
			f->value_len = a->len;
		}
		g_object_unref(keep);
		if (rc)
			return rc;
	}
	return 0;
}

int multipart_parse(h2o_mem_pool_t *pool, const char *content_type, size_t ct_len, const char *body, size_t len,
                    struct form *fields, struct form_files *files, struct err *e)
{
	*fields = (struct form){0};
	files->n = 0;
	pthread_once(&once, setup);
	/* the parser reads a MIME entity: the request's Content-Type as its
	 * header, then the body */
	if (memchr(content_type, '\r', ct_len) || memchr(content_type, '\n', ct_len) ||
	    memchr(content_type, '\0', ct_len))
		return err_set(e, ERR_INPUT, "the form's type is not one line");
	GByteArray *entity = g_byte_array_sized_new((guint)(ct_len + len + 20));
	g_byte_array_append(entity, (const guint8 *)"Content-Type: ", 14);
	g_byte_array_append(entity, (const guint8 *)content_type, (guint)ct_len);
	g_byte_array_append(entity, (const guint8 *)"\r\n\r\n", 4);
	g_byte_array_append(entity, (const guint8 *)body, (guint)len);
	GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(entity); /* owns entity */
	GMimeParser *parser = g_mime_parser_new_with_stream(stream);
	GMimeObject *top = g_mime_parser_construct_part(parser, NULL);
	int rc;
	GMimeContentType *type = top ? g_mime_object_get_content_type(top) : NULL;
	if (!top || !GMIME_IS_MULTIPART(top) || !type || !g_mime_content_type_is_type(type, "multipart", "form-data") ||
	    !g_mime_content_type_get_parameter(type, "boundary"))
		rc = err_set(e, ERR_INPUT, "not a multipart/form-data body with a boundary");
	else
		rc = parts(pool, GMIME_MULTIPART(top), fields, files, e);
	if (top)
		g_object_unref(top);
	g_object_unref(parser);
	g_object_unref(stream);
	if (rc) {
		*fields = (struct form){0};
		files->n = 0;
	}
	return rc;
}

const struct form_file *multipart_file(const struct form_files *files, const char *name)
{
	for (size_t i = 0; i < files->n; i++)
		if (!strcmp(files->f[i].name, name))
			return &files->f[i];
	return NULL;
}
