/* test_mail.c - when the digest insists on TLS: smtps://, and a password
 * bound for any host but this machine. (Sending itself is tested against
 * a real SMTP server in tests/cli/t0450-digest.bats.) */
#include <criterion/criterion.h>

#include "mail.h"

Test(mail, tls_is_required_for_smtps_and_for_a_password_sent_off_this_machine)
{
	static const struct {
		const char *url;
		int required;
	} cases[] = {
		{"smtps://mail.example:465", 1},
		{"SMTPS://127.0.0.1:465", 1},
		{"smtp://mail.example:587", 0},                 /* no password: STARTTLS when offered */
		{"smtp://rapport:secret@mail.example:587", 1},  /* a password to a relay */
		{"smtp://rapport:secret@mail.example", 1},
		{"smtp://rapport:secret@127.0.0.1:2525", 0},    /* this machine */
		{"smtp://rapport:secret@127.10.0.3:25", 0},
		{"smtp://rapport:secret@localhost:25", 0},
		{"smtp://rapport:secret@LOCALHOST", 0},
		{"smtp://rapport:secret@[::1]:25", 0},
		{"smtp://rapport:secret@127.example.com:25", 1}, /* a name that only starts like it */
		{"smtp://rapport:secret@localhost.example:25", 1},
		{"smtp://rapport:secret@[::1]x:25", 1},
		{"smtp://rapport:secret@[2001:db8::1]:25", 1},
		{"smtp://mail.example/path@x", 0},              /* the @ is not in the authority */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		cr_expect_eq(mail_tls_required(cases[i].url), cases[i].required, "%s", cases[i].url);
}
