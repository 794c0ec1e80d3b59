#!/usr/bin/env python3
"""The inbound email channel against real peers: a real `tandem serve` with its LMTP/SMTP listener on a free
port, mail sent with swaks and Python's smtplib, `tandem mail-gate` fed on stdin, and what became of the mail
read back through the API (and, for queued jobs, the store).

Run one test: TANDEM_BIN=build/tandem python3 tests/mail/mail_test.py MailTest.test_new_ticket
"""

import http.cookiejar
import json
import os
import shutil
import signal
import smtplib
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

TANDEM = os.environ.get("TANDEM_BIN", "build/tandem")
CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "mail")
ADMIN = ("admin@tandem.test", "admin password 1")
SUPPORT = "support@example.com"
WAIT_SECONDS = 60  # an upper bound for background work, never a timing assertion


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def corpus(name):
    with open(os.path.join(CORPUS, name), "rb") as f:
        return f.read()


def eventually(what, probe, seconds=WAIT_SECONDS):
    """probe() until it returns something truthy; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting for " + what)
        time.sleep(0.1)


class Server:
    """A `tandem serve` process on a data dir, with the mail listener on a fixed free port."""

    def __init__(self, data_dir):
        self.data = data_dir
        self.mail_port = free_port()
        self.proc = None
        self.url = None

    def start(self):
        env = dict(os.environ, TANDEM_MAIL_LISTEN="127.0.0.1:%d" % self.mail_port, TANDEM_ACCESS_LOG="false")
        with open(os.path.join(self.data, "server.log"), "ab") as log:
            self.proc = subprocess.Popen([TANDEM, "serve", "--data", self.data, "--listen", "127.0.0.1:0"],
                                         stdout=subprocess.PIPE, stderr=log, env=env, start_new_session=True)
        line = self.proc.stdout.readline().decode()
        if "listening on" not in line:
            raise AssertionError("the server did not start: " + line + self.log())
        self.url = line.split()[-1]

    def log(self):
        with open(os.path.join(self.data, "server.log"), errors="replace") as f:
            return f.read()

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.proc.stdout.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
            self.proc.stdout.close()


class Api:
    """The admin's view through the HTTP API (a session cookie and its CSRF token)."""

    def __init__(self, url):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = self.call("POST", "/api/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})["csrf_token"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if getattr(self, "csrf", None):
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as e:
            raise AssertionError("%s %s: %d %s" % (method, path, e.code, e.read().decode()))

    def download(self, path):
        with self.opener.open(self.url + path) as response:
            return response.read()

    def email_items(self):
        return self.call("GET", "/api/v1/items?source=email&limit=200")["data"]

    def messages(self, item_id):
        return self.call("GET", "/api/v1/items/%d/messages?limit=200" % item_id)["data"]


class MailCase(unittest.TestCase):
    """A fresh data dir with an admin, a running server, an inbound address and a default project."""

    def setUp(self):
        self.data = tempfile.mkdtemp(prefix="tandem-mail-")
        subprocess.run([TANDEM, "admin", "create-user", "--data", self.data, "--email", ADMIN[0], "--name", "Ada",
                        "--role", "admin", "--password", ADMIN[1]], check=True, capture_output=True)
        self.server = Server(self.data)
        self.server.start()
        self.api = Api(self.server.url)
        self.api.call("PUT", "/api/v1/settings/email", {"inbound_addresses": [SUPPORT]})
        self.inbox = self.api.call("POST", "/api/v1/projects", {"name": "Inbox"})["id"]
        self.api.call("PUT", "/api/v1/settings/portal", {"default_project_id": self.inbox})

    def tearDown(self):
        self.server.stop()
        if os.environ.get("TANDEM_KEEP"):
            print("data dir kept: " + self.data)
        else:
            shutil.rmtree(self.data, ignore_errors=True)

    # Sending --------------------------------------------------------------------------------------------------

    def swaks(self, sender, to, *args, protocol="LMTP"):
        return subprocess.run(["swaks", "--server", "127.0.0.1", "--port", str(self.server.mail_port),
                               "--protocol", protocol, "--from", sender, "--to", to, "--silent", "2", *args],
                              capture_output=True, text=True)

    def smtp_send(self, raw, sender="ann@acme.example", to=(SUPPORT,)):
        with smtplib.SMTP("127.0.0.1", self.server.mail_port) as smtp:
            return smtp.sendmail(sender, list(to), raw)

    def mail_gate(self, raw, *args):
        return subprocess.run([TANDEM, "mail-gate", "--data", self.data, *args], input=raw, capture_output=True)

    # Reading --------------------------------------------------------------------------------------------------

    def item_titled(self, title):
        return eventually("an item titled " + title,
                          lambda: next((i for i in self.api.email_items() if i["title"] == title), None))

    def query(self, sql, *args):
        """The rows of a read-only query on the server's store."""
        with sqlite3.connect("file:%s?mode=ro" % os.path.join(self.data, "tandem.db"), uri=True, timeout=10) as c:
            return c.execute(sql, args).fetchall()

    def processed(self, count, seconds=WAIT_SECONDS):
        """Waits until `count` stored messages are processed; returns the email items."""
        eventually("%d processed messages" % count,
                   lambda: self.query("SELECT count(*) FROM inbound_mail WHERE state = 'done'")[0][0] >= count,
                   seconds)
        return self.api.email_items()

    def jobs(self, kind):
        return [json.loads(p) for (p,) in self.query("SELECT payload FROM jobs WHERE kind = ?", kind)]


class MailTest(MailCase):
    # Tests ----------------------------------------------------------------------------------------------------

    def test_new_ticket(self):
        """swaks over LMTP: a new ticket, its customer and organization, its intake project, an auto-reply job."""
        result = self.swaks("ann@acme.example", SUPPORT, "--header", "Subject: Printer is on fire",
                            "--body", "It smokes.\nPlease help.", "--attach-type", "text/csv",
                            "--attach-name", "readings.csv", "--attach", "@" + os.path.join(CORPUS, "readings.csv"))
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        item = self.item_titled("Printer is on fire")
        self.assertIn("It smokes.", item["description"])
        customers = self.api.call("GET", "/api/v1/customers")["data"]
        ann = next(c for c in customers if "ann@acme.example" in c["emails"])
        self.assertEqual(item["requesters"], [{"kind": "customer", "id": ann["id"]}])
        project = self.api.call("GET", "/api/v1/projects/%d" % item["project_id"])
        organization = self.api.call("GET", "/api/v1/organizations/%d" % ann["organization_id"])
        self.assertEqual(organization["intake_project_id"], item["project_id"])
        self.assertNotEqual(project["id"], self.inbox)
        files = [f["name"] for m in self.api.messages(item["id"]) for f in m["attachments"]]
        self.assertIn("readings.csv", files)
        self.assertIn("Printer is on fire.eml", files)
        self.assertIn({"event": "ticket_received", "item_id": item["id"],
                       "message_id": self.api.messages(item["id"])[0]["id"]}, self.jobs("mail.notify"))

    def test_public_mail_domain_goes_to_the_default_project(self):
        """smtplib over SMTP from a public mail service: no organization, the portal's default project."""
        self.smtp_send(b"From: Bob <bob@gmail.com>\r\nTo: support@example.com\r\nSubject: Hello\r\n\r\nHi there\r\n",
                       sender="bob@gmail.com")
        item = self.item_titled("Hello")
        self.assertEqual(item["project_id"], self.inbox)

    def test_reply_threads_by_in_reply_to(self):
        self.smtp_send(corpus("first.eml"))
        item = self.item_titled("Invoice 7 is wrong")
        self.smtp_send(corpus("reply_in_reply_to.eml"))
        self.processed(2)
        self.assertEqual(len(self.api.email_items()), 1)
        bodies = [m["body"] for m in self.api.messages(item["id"])]
        self.assertEqual(bodies[-1], "The total should be 70, not 700.")

    def test_reply_threads_by_subject_token(self):
        self.smtp_send(corpus("first.eml"))
        item = self.item_titled("Invoice 7 is wrong")
        reply = ("From: ann@acme.example\r\nTo: support@example.com\r\nSubject: Re: [#%d] anything\r\n"
                 "Message-ID: <token-reply@acme.example>\r\n\r\nStill wrong.\r\n" % item["number"]).encode()
        subprocess.run(["swaks", "--server", "127.0.0.1", "--port", str(self.server.mail_port), "--from",
                        "ann@acme.example", "--to", SUPPORT, "--data", "-", "--silent", "2"],
                       input=reply, check=True, capture_output=True)
        self.processed(2)
        self.assertEqual(len(self.api.email_items()), 1)
        self.assertEqual(self.api.messages(item["id"])[-1]["body"], "Still wrong.")

    def test_redelivery_creates_nothing_new(self):
        for _ in range(3):
            self.smtp_send(corpus("first.eml"))
        no_id = b"From: ann@acme.example\r\nTo: support@example.com\r\nSubject: No id\r\n\r\nSame bytes\r\n"
        for _ in range(2):
            self.assertEqual(self.mail_gate(no_id).returncode, 0)
        self.processed(2)
        items = self.api.email_items()
        self.assertEqual(sorted(i["title"] for i in items), ["Invoice 7 is wrong", "No id"])
        for item in items:
            self.assertEqual(len(self.api.messages(item["id"])), 1)

    def test_unknown_recipient_is_refused(self):
        with smtplib.SMTP("127.0.0.1", self.server.mail_port) as smtp:
            smtp.ehlo()
            smtp.mail("ann@acme.example")
            code, _ = smtp.rcpt("nobody@example.com")
            self.assertEqual(code, 550)
            self.assertEqual(smtp.rcpt("support+sales@example.com")[0], 250)
        result = self.swaks("ann@acme.example", "nobody@example.com")
        self.assertIn("550", result.stdout + result.stderr)
        self.assertNotEqual(result.returncode, 0)

    def test_lmtp_answers_each_recipient(self):
        """LMTP: one answer per accepted recipient after the data (RFC 2033)."""
        with smtplib.LMTP("127.0.0.1", self.server.mail_port) as lmtp:
            self.assertEqual(lmtp.ehlo()[0], 250)  # sends LHLO
            self.assertEqual(lmtp.mail("ann@acme.example")[0], 250)
            self.assertEqual(lmtp.rcpt(SUPPORT)[0], 250)
            self.assertEqual(lmtp.rcpt("help@elsewhere.example")[0], 550)
            self.assertEqual(lmtp.rcpt("support+x@example.com")[0], 250)
            self.assertEqual(lmtp.docmd("DATA")[0], 354)
            lmtp.send(b"Subject: Two of three\r\n\r\nbody\r\n.\r\n")
            self.assertEqual([lmtp.getreply()[0], lmtp.getreply()[0]], [250, 250])
        self.item_titled("Two of three")

    def test_auto_submitted_mail_gets_no_auto_reply(self):
        self.smtp_send(corpus("auto_submitted.eml"), sender="")
        self.smtp_send(corpus("first.eml"))
        auto = self.item_titled("Out of office")
        normal = self.item_titled("Invoice 7 is wrong")
        answered = [job["item_id"] for job in self.jobs("mail.notify") if job["event"] == "ticket_received"]
        self.assertNotIn(auto["id"], answered)
        self.assertIn(normal["id"], answered)

    def test_charsets(self):
        for name in ("latin1.eml", "koi8r.eml", "cp1251.eml"):
            self.smtp_send(corpus(name))
        latin = self.item_titled("Caf\u00e9 cr\u00e8me")
        self.assertIn("Gr\u00fc\u00dfe aus K\u00f6ln", latin["description"])
        koi8 = self.item_titled("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440")
        self.assertIn("\u0421\u043b\u043e\u043c\u0430\u043b\u0441\u044f \u043f\u0440\u0438\u043d\u0442\u0435\u0440",
                      koi8["description"])
        cp1251 = self.item_titled("\u0421\u0447\u0451\u0442 \u2116 5")
        self.assertIn("\u041e\u043f\u043b\u0430\u0442\u0430 \u043d\u0435 \u043f\u0440\u043e\u0448\u043b\u0430",
                      cp1251["description"])

    def test_malformed_mail_still_becomes_a_ticket(self):
        self.smtp_send(corpus("malformed.eml"))
        self.smtp_send(b"\x00\xff\xfe garbage without headers \x80\x81\r\n\r\n\xd0", sender="x@y.example")
        items = self.processed(2)
        self.assertEqual(len(items), 2)
        self.assertTrue(all(i["title"] for i in items))

    def test_mail_gate_exit_codes(self):
        result = self.mail_gate(corpus("first.eml"), "--sender", "ann@acme.example", "--recipient", SUPPORT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.item_titled("Invoice 7 is wrong")
        self.assertEqual(self.mail_gate(corpus("first.eml")).returncode, 0)  # a duplicate is fine
        self.assertEqual(self.mail_gate(b"").returncode, 65)  # EX_DATAERR
        self.api.call("PUT", "/api/v1/settings/email", {"max_message_bytes": 1024})
        self.assertEqual(self.mail_gate(b"Subject: big\r\n\r\n" + b"x" * 4096).returncode, 65)
        blocked = os.path.join(self.data, "not-a-dir")
        open(blocked, "w").close()
        result = subprocess.run([TANDEM, "mail-gate", "--data", os.path.join(blocked, "data")],
                                input=corpus("first.eml"), capture_output=True)
        self.assertEqual(result.returncode, 75, result.stderr)  # EX_TEMPFAIL: the MTA keeps it and retries

    def deliver_killing_midway(self, messages):
        """Delivers `messages` over LMTP from a second thread and kills the server (kill -9) once a third of them
        are stored and processing has begun, then restarts it and delivers again, as an MTA retries, every
        message whose delivery was not confirmed. The sender waits before the last third until the kill, so
        that a fast server cannot take them all before it dies."""
        confirmed = set()
        killed = threading.Event()

        def deliver(numbers, hold_at=None):
            try:
                with smtplib.LMTP("127.0.0.1", self.server.mail_port) as lmtp:
                    for index, n in enumerate(numbers):
                        if index == hold_at:
                            killed.wait(WAIT_SECONDS)
                        lmtp.sendmail("ann@acme.example", [SUPPORT], messages[n])
                        confirmed.add(n)
            except (smtplib.SMTPException, OSError):
                pass  # the server died under us: what it did not confirm is sent again

        stored = self.query("SELECT count(*) FROM inbound_mail")[0][0]
        sender = threading.Thread(target=deliver, args=(range(len(messages)), 2 * len(messages) // 3))
        sender.start()

        def midway():
            stored_now, done = self.query("SELECT count(*), count(*) FILTER (WHERE state = 'done') "
                                          "FROM inbound_mail WHERE id > ?", stored)[0]
            return stored_now >= len(messages) // 3 and done >= 1

        eventually("a third of the messages stored and some processed", midway)
        self.server.kill()
        killed.set()
        sender.join()
        self.assertLess(len(confirmed), len(messages), "the server was killed while it ingested")
        self.server.start()
        self.api = Api(self.server.url)
        deliver([n for n in range(len(messages)) if n not in confirmed])

    def test_crash_between_storing_and_processing_loses_nothing(self):
        """1,000 messages — 500 new tickets, then a reply to each — with the server killed (kill -9) while it
        ingests each half and one message piped in while it is down: once it is back, exactly 501 tickets, each
        of the 500 with exactly its reply."""
        count = 500
        self.api.call("PUT", "/api/v1/settings/email", {"sender_limit_per_hour": 5000})

        def mail(n, reply):
            head = "Message-ID: <crash-%d%s@acme.example>\r\nFrom: ann@acme.example\r\n" % (n, "-re" if reply else "")
            if reply:
                head += "In-Reply-To: <crash-%d@acme.example>\r\nSubject: Re: crash %d\r\n" % (n, n)
            else:
                head += "Subject: crash %d\r\n" % n
            return (head + "\r\n%s %d\r\n" % ("reply" if reply else "body", n)).encode()

        self.deliver_killing_midway([mail(n, False) for n in range(count)])
        self.processed(count, seconds=5 * WAIT_SECONDS)  # replies thread onto tickets that exist
        self.deliver_killing_midway([mail(n, True) for n in range(count)])
        self.server.kill()
        result = self.mail_gate(b"From: ann@acme.example\r\nSubject: while down\r\n\r\nqueued\r\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.server.start()
        self.api = Api(self.server.url)
        # A job the killed server had leased is taken over by the restarted one (same machine) at once.
        self.processed(2 * count + 1, seconds=5 * WAIT_SECONDS)
        titles = sorted(t for (t,) in self.query("SELECT title FROM items WHERE source = 'email'"))
        self.assertEqual(titles, sorted(["crash %d" % n for n in range(count)] + ["while down"]))
        replies = self.query("SELECT i.title, m.body FROM messages m JOIN items i ON i.id = m.item_id "
                             "WHERE i.source = 'email' AND m.body != '' ORDER BY m.id")
        self.assertEqual(sorted(replies), sorted(("crash %d" % n, "reply %d" % n) for n in range(count)))
        self.assertEqual(self.query("SELECT count(*) FROM inbound_mail WHERE state = 'done'")[0][0], 2 * count + 1)

if __name__ == "__main__":
    unittest.main()
