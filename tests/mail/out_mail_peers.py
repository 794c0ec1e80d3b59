"""Real peers for outgoing mail: an SMTP sink (plain and with AUTH) that keeps what it receives, and a
`tandem serve` started on a fresh data folder, driven through its HTTP API like a browser would."""

import base64
import http.cookiejar
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from email import policy
from email.parser import BytesParser

DEADLINE_SECONDS = 60


def wait_until(predicate, what, seconds=DEADLINE_SECONDS):
    """Returns predicate()'s first truthy value; fails after `seconds` naming `what`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


class ReceivedMail:
    def __init__(self, mail_from, rcpt, data, auth_user):
        self.mail_from = mail_from
        self.rcpt = rcpt
        self.data = data
        self.auth_user = auth_user
        self.message = BytesParser(policy=policy.default).parsebytes(data)

    def header(self, name):
        value = self.message[name]
        return None if value is None else str(value)

    def text(self):
        return self.message.get_content()


class SmtpSink:
    """An SMTP server on 127.0.0.1 that accepts every message (after AUTH when `credentials` are set)."""

    def __init__(self, port=0, credentials=None):
        self.credentials = credentials
        self.received = []
        self.lock = threading.Lock()
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write(line.encode() + b"\r\n")
                self.wfile.flush()

            def read_line(self):
                return self.rfile.readline().decode("utf-8", "replace").rstrip("\r\n")

            def check_plain(self, response):
                parts = base64.b64decode(response).split(b"\0")
                return (parts[1].decode(), parts[2].decode()) == sink.credentials and parts[1].decode()

            def handle(self):
                self.reply("220 sink.test ESMTP")
                mail_from, rcpt, user = None, [], None
                while True:
                    line = self.read_line()
                    if not line and self.rfile.closed:
                        return
                    verb = line.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        extensions = ["AUTH PLAIN LOGIN"] if sink.credentials else []
                        lines = ["sink.test"] + extensions + ["8BITMIME"]
                        for i, text in enumerate(lines):
                            self.reply(("250 " if i == len(lines) - 1 else "250-") + text)
                    elif verb == "AUTH":
                        words = line.split()
                        if words[1].upper() == "PLAIN":
                            if len(words) < 3:
                                self.reply("334 ")
                                words.append(self.read_line())
                            user = self.check_plain(words[2])
                        else:
                            self.reply("334 VXNlcm5hbWU6")
                            name = base64.b64decode(self.read_line()).decode()
                            self.reply("334 UGFzc3dvcmQ6")
                            password = base64.b64decode(self.read_line()).decode()
                            user = name if (name, password) == sink.credentials else None
                        self.reply("235 2.7.0 accepted" if user else "535 5.7.8 bad credentials")
                    elif verb == "MAIL":
                        if sink.credentials and not user:
                            self.reply("530 5.7.0 authentication required")
                            continue
                        mail_from, rcpt = re.search(r"<(.*?)>", line).group(1), []
                        self.reply("250 ok")
                    elif verb == "RCPT":
                        rcpt.append(re.search(r"<(.*?)>", line).group(1))
                        self.reply("250 ok")
                    elif verb == "DATA":
                        self.reply("354 go ahead")
                        data = b""
                        while True:
                            raw = self.rfile.readline()
                            if raw in (b".\r\n", b""):
                                break
                            data += raw[1:] if raw.startswith(b".") else raw
                        with sink.lock:
                            sink.received.append(ReceivedMail(mail_from, list(rcpt), data, user))
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 ok")
                    elif not line:
                        return
                    else:
                        self.reply("502 unknown command")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def mail_to(self, address, containing=""):
        with self.lock:
            return [m for m in self.received if address in m.rcpt and containing in m.text()]

    def wait_for(self, address, containing):
        return wait_until(lambda: self.mail_to(address, containing), f"mail to {address} with {containing!r}")[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """An HTTP client with its own cookies; `csrf` is sent on unsafe requests."""

    def __init__(self, base):
        self.base = base
        self.csrf = None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method, path, body=None, expect=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if self.csrf:
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        if expect is not None:
            assert status == expect, f"{method} {path}: {status} {text}"
        return json.loads(text) if text else None


class TandemServer:
    """`tandem serve` on a fresh data folder, with internal users created first."""

    def __init__(self, binary, users, env=None):
        self.dir = tempfile.mkdtemp(prefix="tandem-mail-")
        for email, name, role, password in users:
            subprocess.run([binary, "admin", "create-user", "--data", self.dir, "--email", email, "--name", name,
                            "--role", role, "--password", password], check=True, capture_output=True)
        self.log_path = os.path.join(self.dir, "server.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data", self.dir],
                                        stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                        env={**os.environ, **(env or {})})
        self.url = wait_until(self._listening, "the server to listen", 30)

    def _listening(self):
        assert self.process.poll() is None, "the server exited:\n" + self.log_text()
        found = re.search(r"tandem listening on (http://[0-9.]+:[0-9]+)", self.log_text())
        return found and found.group(1)

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def client(self):
        return Client(self.url)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
