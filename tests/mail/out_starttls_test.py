#!/usr/bin/env python3
"""STARTTLS to a real relay: aiosmtpd requiring STARTTLS, with a certificate its own CA signed, both made here
by openssl. Until the relay settings name that CA file the certificate is refused and nothing is delivered;
once they do, the mail waiting in the queue arrives, over TLS.

Usage: out_starttls_test.py <path-to-tandem-binary>  (needs python3-aiosmtpd and openssl)"""

import logging
import os
import shutil
import ssl
import subprocess
import sys
import tempfile

from aiosmtpd.controller import Controller

from out_mail_peers import TandemServer, free_port, wait_until

ADMIN = ("admin@tandem.test", "Ada Admin", "admin", "correct horse battery")


def make_certificates(folder):
    """A CA and a certificate for 127.0.0.1 signed by it; returns (ca.pem, relay.pem, relay.key)."""
    ca_key, ca, key, request, cert = (os.path.join(folder, n) for n in
                                      ("ca.key", "ca.pem", "relay.key", "relay.csr", "relay.pem"))
    extensions = os.path.join(folder, "relay.ext")
    with open(extensions, "w") as f:
        f.write("subjectAltName = IP:127.0.0.1, DNS:localhost\n")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
            "-subj", "/CN=Tandem Test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=127.0.0.1")
    openssl("x509", "-req", "-in", request, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
            "-days", "2", "-extfile", extensions)
    return ca, cert, key


class Relay:
    """What the relay received: (recipients, bytes, whether the session was under TLS)."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content, session.ssl is not None))
        return "250 2.0.0 queued"


def main(binary):
    folder = tempfile.mkdtemp(prefix="tandem-tls-")
    ca, cert, key = make_certificates(folder)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    relay = Relay()
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # the first, refused handshake is expected
    port = free_port()
    controller = Controller(relay, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    server = TandemServer(binary, [ADMIN])
    try:
        run(server, relay, port, ca)
    except BaseException:
        print("server log:\n" + server.log_text(), file=sys.stderr)
        raise
    finally:
        server.stop()
        controller.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print("out_starttls: all checks passed")


def run(server, relay, port, ca):
    admin = server.client()
    admin.csrf = admin.call("POST", "/api/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[3]}, 200)["csrf_token"]
    relay_settings = {"host": "127.0.0.1", "port": port, "security": "starttls", "user": "", "password": ""}
    admin.call("PUT", "/api/v1/settings/email",
               {"inbound_addresses": ["support@tandem.test"], "smtp": relay_settings}, 200)
    olga = admin.call("POST", "/api/v1/customers", {"name": "Olga", "emails": ["olga@other.example"]}, 201)
    admin.call("POST", f"/api/v1/customers/{olga['id']}/invite", None, 202)

    # The system's CAs do not know the relay's: the certificate is refused and nothing is sent in clear.
    wait_until(lambda: "certificate" in server.log_text(), "a refused certificate in the log")
    assert relay.received == [], "mail went to a relay whose certificate was not trusted"

    # With the CA file the queued invitation goes out over STARTTLS.
    settings = admin.call("PUT", "/api/v1/settings/email", {"smtp": {**relay_settings, "ca_file": ca}}, 200)
    assert settings["smtp"]["ca_file"] == ca and "password" not in settings["smtp"], settings["smtp"]
    recipients, content, under_tls = wait_until(lambda: relay.received, "the invitation at the relay", 120)[0]
    assert recipients == ["olga@other.example"], recipients
    assert under_tls, "the mail was not sent under TLS"
    assert b"Your support portal invitation" in content, content[:500]


if __name__ == "__main__":
    main(sys.argv[1])
