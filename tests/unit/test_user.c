/* test_user.c - what a user's fields may hold: e-mail addresses (a table of
 * valid and invalid ones), organisations, roles and languages; passwords
 * someone chose (counted in characters, not bytes); generated passwords
 * (their shape and alphabet); argon2id hashes at the interactive cost. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "user.h"

Test(user, email_addresses)
{
	static const char *const good[] = {
		"a@b.co", "maya.okafor@lindenrowe.example", "chen.jing+2@evergreen.example", "O'Brien@example.com",
		"x@xn--fiqs8s.example", "UPPER@Example.COM", "a_b-c@sub.domain.example", "1@2.example", NULL,
	};
	static const char *const bad[] = {
		"", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@example.com", ".a@example.com",
		"a.@example.com", "a..b@example.com", "a@-b.com", "a@b-.com", "a@b..com", "a@b.com.", "a@.b.com",
		"\"quoted\"@example.com", "a@b_c.com", "\xe9\x99\x88@example.com", "a@b.com\n", "a@b.com x", "a,b@c.com",
		"a@[192.0.2.1]", NULL,
	};
	struct err e = {0};
	for (int i = 0; good[i]; i++)
		cr_expect(user_email_check(good[i], "--email", &e) == 0, "%s: %s", good[i], e.msg);
	for (int i = 0; bad[i]; i++) {
		err_clear(&e);
		cr_expect(user_email_check(bad[i], "--email", &e) == -1, "\"%s\" passed", bad[i]);
		cr_expect_eq(e.code, ERR_INPUT);
		cr_expect(strstr(e.msg, "--email: not an e-mail address") == e.msg, "%s", e.msg);
	}
	/* 64 bytes of local part is the most */
	char local[80], addr[300];
	memset(local, 'a', 64);
	local[64] = '\0';
	snprintf(addr, sizeof addr, "%s@example.com", local);
	cr_expect(user_email_check(addr, "--email", &e) == 0);
	snprintf(addr, sizeof addr, "%sa@example.com", local);
	cr_expect(user_email_check(addr, "--email", &e) == -1);
	/* 254 bytes in all: 64 + 1 + 189 (labels of 63 + . + 63 + . + 61) */
	char domain[200];
	memset(domain, 'd', sizeof domain);
	domain[63] = domain[127] = '.';
	domain[189] = '\0';
	snprintf(addr, sizeof addr, "%s@%s", local, domain);
	cr_assert_eq(strlen(addr), 254);
	cr_expect(user_email_check(addr, "--email", &e) == 0, "%s", e.msg);
	domain[189] = 'd';
	domain[190] = '\0';
	snprintf(addr, sizeof addr, "%s@%s", local, domain);
	cr_expect(user_email_check(addr, "--email", &e) == -1);
	cr_expect_str_eq(e.msg, "--email: an e-mail address has at most 254 bytes");
}

Test(user, organisations)
{
	static const struct {
		const char *v;
		int64_t partner;
	} good[] = {{"buyer", 0}, {"partner:1", 1}, {"partner:42", 42}, {"partner:9007199254740993", 9007199254740993}};
	static const char *const bad[] = {
		"", "Buyer", "buyers", "partner", "partner:", "partner:0", "partner:-1", "partner:01", "partner:1x",
		"partner: 1", "partner:+1", "partner:99999999999999999999", "factory:1", "partner:1 ", NULL,
	};
	struct err e = {0};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int64_t p = -1;
		cr_expect(user_org_parse(good[i].v, "--org", &p, &e) == 0, "%s: %s", good[i].v, e.msg);
		cr_expect_eq(p, good[i].partner, "%s", good[i].v);
		char back[32];
		user_org_format(p, back);
		cr_expect_str_eq(back, good[i].v);
	}
	for (int i = 0; bad[i]; i++) {
		int64_t p;
		cr_expect(user_org_parse(bad[i], "--org", &p, &e) == -1, "\"%s\" passed", bad[i]);
		cr_expect(strstr(e.msg, "--org: buyer or partner:ID") == e.msg, "%s", e.msg);
	}
}

Test(user, roles_and_languages)
{
	struct err e = {0};
	cr_expect(user_role_check("admin", "--role", &e) == 0);
	cr_expect(user_role_check("member", "--role", &e) == 0);
	cr_expect(user_role_check("viewer", "--role", &e) == 0);
	cr_expect(user_role_check("owner", "--role", &e) == -1);
	cr_expect_str_eq(e.msg, "--role: admin, member or viewer: \"owner\"");
	cr_expect(user_role_check("Admin", "--role", &e) == -1);
	cr_expect(user_lang_check("en", "--lang", &e) == 0);
	cr_expect(user_lang_check("zh-CN", "--lang", &e) == 0);
	cr_expect(user_lang_check("zh", "--lang", &e) == -1);
	cr_expect_str_eq(e.msg, "--lang: en or zh-CN: \"zh\"");
	cr_expect(user_lang_check("zh-cn", "--lang", &e) == -1);
	cr_expect(user_lang_check("", "--lang", &e) == -1);
}

static int check(const char *pw, struct err *e)
{
	return user_password_check(pw, strlen(pw), "stdin", e);
}

Test(user, chosen_passwords_need_twelve_characters)
{
	struct err e = {0};
	cr_expect(check("abcdefghijkl", &e) == 0, "12 ASCII characters");
	cr_expect(check("abcdefghijk", &e) == -1);
	cr_expect_str_eq(e.msg, "stdin: a password needs at least 12 characters (this one has 11)");
	/* twelve Chinese characters are 36 bytes and enough; eleven are 33 bytes and not */
	cr_expect(check("\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81"
	                "\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81", &e) == 0, "%s", e.msg);
	cr_expect(check("\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81"
	                "\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86\xe7\xa0\x81\xe5\xaf\x86", &e) == -1);
	cr_expect_str_eq(e.msg, "stdin: a password needs at least 12 characters (this one has 11)");
	cr_expect(check("correct\thorse battery", &e) == -1);
	cr_expect_str_eq(e.msg, "stdin: the password holds a control character (byte 7)");
	cr_expect(check("correct horse \xff battery", &e) == -1);
	cr_expect_str_eq(e.msg, "stdin: the password is not valid UTF-8 text");
	char nul[] = "correct horse\0battery";
	cr_expect(user_password_check(nul, sizeof nul - 1, "stdin", &e) == -1, "a NUL byte is a control character");
	char big[USER_PASSWORD_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[USER_PASSWORD_MAX] = '\0';
	cr_expect(check(big, &e) == 0);
	big[USER_PASSWORD_MAX] = 'x';
	big[USER_PASSWORD_MAX + 1] = '\0';
	cr_expect(check(big, &e) == -1);
	cr_expect_str_eq(e.msg, "stdin: a password has at most 1024 bytes");
}

Test(user, generated_passwords_are_five_groups_of_four_without_look_alikes)
{
	struct err e = {0};
	static char seen[200][USER_PASSWORD_GEN_LEN + 1];
	int counts[256] = {0};
	for (int n = 0; n < 200; n++) {
		char *pw = seen[n];
		cr_assert(user_password_new(pw, &e) == 0, "%s", e.msg);
		cr_assert_eq(strlen(pw), 24, "%s", pw);
		for (int i = 0; i < 24; i++) {
			if (i % 5 == 4) {
				cr_expect_eq(pw[i], '-', "%s", pw);
				continue;
			}
			cr_expect(strchr("23456789abcdefghjkmnpqrstuvwxyz", pw[i]) != NULL, "%s: '%c'", pw, pw[i]);
			counts[(unsigned char)pw[i]]++;
		}
		for (int m = 0; m < n; m++)
			cr_expect_str_neq(pw, seen[m]);
		/* it is a password a user could have chosen */
		cr_expect(check(pw, &e) == 0, "%s", e.msg);
	}
	/* 4000 symbols over 31 letters, about 129 each: every letter shows up */
	for (const char *c = "23456789abcdefghjkmnpqrstuvwxyz"; *c; c++)
		cr_expect_gt(counts[(unsigned char)*c], 50, "'%c' appeared %d times", *c, counts[(unsigned char)*c]);
}

Test(user, hashes_are_argon2id_at_the_interactive_cost_and_verify)
{
	struct err e = {0};
	char hash[STORE_PWHASH_MAX], again[STORE_PWHASH_MAX];
	const char *pw = "correct horse battery staple";
	cr_assert(user_password_hash(pw, strlen(pw), hash, &e) == 0, "%s", e.msg);
	/* t=2 passes over m=65536 KiB: crypto_pwhash_OPSLIMIT/MEMLIMIT_INTERACTIVE */
	cr_expect_eq(strncmp(hash, "$argon2id$v=19$m=65536,t=2,p=1$", 31), 0, "%s", hash);
	cr_expect(user_password_verify(hash, pw, strlen(pw)));
	cr_expect_not(user_password_verify(hash, "correct horse battery stapler", 29));
	cr_expect_not(user_password_verify(hash, pw, strlen(pw) - 1));
	cr_expect_not(user_password_verify("not a hash", pw, strlen(pw)));
	cr_expect_not(user_password_verify("", "", 0));
	cr_expect_not(user_password_needs_rehash(hash));
	cr_assert(user_password_hash(pw, strlen(pw), again, &e) == 0, "%s", e.msg);
	cr_expect_str_neq(hash, again, "each hash has its own salt");
	cr_expect(user_password_verify(again, pw, strlen(pw)));
}
