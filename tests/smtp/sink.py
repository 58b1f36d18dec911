#!/usr/bin/python3
"""sink.py DIR [USER:PASSWORD] [--starttls|--smtps CERT KEY] - an SMTP server
for the tests (Debian's python3-aiosmtpd) on 127.0.0.1 and a free port.
Writes DIR/port once it listens; each session's greeting appends a line to
DIR/sessions; each message received goes to DIR/msgN.eml (the raw bytes of
DATA) and DIR/msgN.json (the envelope, and whether it came over TLS). RCPT
TO an address starting "reject@" is answered 550. With USER:PASSWORD it
offers AUTH PLAIN and LOGIN, requires it before MAIL, appends "AUTH user" to
DIR/sessions on success and answers 535 otherwise (over plain text too
unless a TLS mode is given: loopback only). --starttls offers STARTTLS with
the certificate and requires it before MAIL; --smtps speaks TLS from the
first byte. Stops on SIGTERM."""
import json
import os
import signal
import socket
import ssl
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.n = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with open(os.path.join(self.out, "sessions"), "a") as f:
            f.write("EHLO %s\n" % hostname)
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject@"):
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.out, "msg%d" % self.n)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        tls = session.ssl is not None or server.transport.get_extra_info("sslcontext") is not None
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "tls": tls}, f)
        return "250 2.0.0 queued as msg%d" % self.n


def authenticator(out, user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        if ok:
            with open(os.path.join(out, "sessions"), "a") as f:
                f.write("AUTH %s %s\n" % (mechanism, user))
        return AuthResult(success=ok, handled=False)  # handled=True would send no reply
    return check


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    args = sys.argv[1:]
    mode = cert = None
    for flag in ("--starttls", "--smtps"):
        if flag in args:
            i = args.index(flag)
            mode, cert = flag, args[i + 1:i + 3]
            del args[i:i + 3]
    out = args[0]
    os.makedirs(out, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    warnings.simplefilter("ignore")  # AUTH without TLS: on purpose, loopback only
    kw = {}
    if len(args) > 1:
        user, password = args[1].split(":", 1)
        kw = dict(authenticator=authenticator(out, user, password), auth_required=True,
                  auth_require_tls=mode is not None)
    if mode:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(*cert)
        if mode == "--starttls":
            kw.update(tls_context=ctx, require_starttls=True)
        else:
            kw.update(ssl_context=ctx)
    controller = Controller(Sink(out), hostname="127.0.0.1", port=free_port(), **kw)
    controller.start()
    with open(os.path.join(out, "port.tmp"), "w") as f:
        f.write("%d\n" % controller.port)
    os.rename(os.path.join(out, "port.tmp"), os.path.join(out, "port"))
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
