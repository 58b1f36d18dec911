/* test_server.c - reading --listen: hosts, ports, IPv6 in brackets, and
 * the messages for what does not read. */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <string.h>

#include "web/server.h"

Test(server, listen_reads_ipv4_and_bracketed_ipv6)
{
	struct server_conf c;
	struct err e = {0};
	cr_assert_eq(server_listen_parse("127.0.0.1:8080", &c, &e), 0, "%s", e.msg);
	const struct sockaddr_in *v4 = (const struct sockaddr_in *)&c.addr;
	cr_expect_eq(v4->sin_family, AF_INET);
	cr_expect_eq(ntohs(v4->sin_port), 8080);
	cr_expect_eq(ntohl(v4->sin_addr.s_addr), 0x7f000001);
	cr_expect_eq(c.addrlen, sizeof(struct sockaddr_in));

	cr_assert_eq(server_listen_parse("[::1]:443", &c, &e), 0, "%s", e.msg);
	const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)&c.addr;
	cr_expect_eq(v6->sin6_family, AF_INET6);
	cr_expect_eq(ntohs(v6->sin6_port), 443);
	cr_expect(IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr));

	cr_assert_eq(server_listen_parse("0.0.0.0:0", &c, &e), 0, "%s", e.msg);
	cr_expect_eq(ntohs(((const struct sockaddr_in *)&c.addr)->sin_port), 0);
}

Test(server, listen_refuses_what_is_not_host_colon_port)
{
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{"8080", "--listen: HOST:PORT, e.g. 127.0.0.1:8080: \"8080\""},
		{":8080", "--listen: HOST:PORT, e.g. 127.0.0.1:8080: \":8080\""},
		{"[]:80", "--listen: HOST:PORT needs a host, e.g. 127.0.0.1:8080: \"[]:80\""},
		{"[::1]8080", "--listen: HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080: \"[::1]8080\""},
		{"::1:8080", "--listen: put an IPv6 address in brackets, e.g. [::1]:8080: \"::1:8080\""},
		{"127.0.0.1:", "--listen: the port is a number from 0 to 65535: \"127.0.0.1:\""},
		{"127.0.0.1:65536", "--listen: the port is a number from 0 to 65535: \"127.0.0.1:65536\""},
		{"127.0.0.1:-1", "--listen: the port is a number from 0 to 65535: \"127.0.0.1:-1\""},
		{"127.0.0.1:+80", "--listen: the port is a number from 0 to 65535: \"127.0.0.1:+80\""},
		{"127.0.0.1:80x", "--listen: the port is a number from 0 to 65535: \"127.0.0.1:80x\""},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct server_conf c;
		struct err e = {0};
		cr_expect_eq(server_listen_parse(bad[i].in, &c, &e), -1, "%s", bad[i].in);
		cr_expect_eq(e.code, ERR_INPUT);
		cr_expect_str_eq(e.msg, bad[i].msg);
	}
}
