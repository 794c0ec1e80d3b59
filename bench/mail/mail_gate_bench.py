#!/usr/bin/env python3
"""Inbound mail through `tandem mail-gate`, one process per message as an MTA pipe runs it.

A fresh data dir takes mail from any sender at any rate (no acknowledgements, as in bench_mail_ingest); a
running `tandem serve` processes it. N messages of about 10 KB with one attachment (the shape of
bench_mail_ingest's, each attachment distinct) are piped through `tandem mail-gate`, P at a time, and the
run is timed until every message is an item, counted from the store. Reported: messages per second stored
by the gates, messages per second end to end into items, and the CPU milliseconds per message of the gates
and of the server together. With --via lmtp the same messages go over P LMTP sessions into the server's
listener instead (the client's CPU is not counted): the same measure for any two builds of the binary.

Run:  python3 bench/mail/mail_gate_bench.py build/tandem [--messages 1000] [--parallel 2] [--via lmtp]
"""

import argparse
import base64
import json
import os
import resource
import smtplib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor


def message(n):
    text = ""
    while len(text) < 4096:
        text += f"The report for line {len(text)} looks wrong.\r\n"
    content = ""
    while len(content) < 4200:
        content += f"Attachment of message {n}, line {len(content)}: ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
    encoded = base64.b64encode(content.encode()).decode()
    attachment = "".join(encoded[i:i + 76] + "\r\n" for i in range(0, len(encoded), 76))
    return (f"From: Customer {n % 50} <c{n % 50}@customer.example>\r\nTo: support@example.com\r\n"
            f"Subject: Report {n}\r\nMessage-ID: <gate-{n}@customer.example>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}--b\r\n"
            f"Content-Type: application/octet-stream; name=report-{n}.bin\r\n"
            "Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            f"{attachment}--b--\r\n").encode()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def items(db):
    return db.execute("SELECT count(*) FROM items").fetchone()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tandem")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--via", choices=["gate", "lmtp"], default="gate")
    args = parser.parse_args()
    tandem = os.path.abspath(args.tandem)

    with tempfile.TemporaryDirectory(prefix="bench-mail-gate-") as data:
        subprocess.run([tandem, "migrate", "--data", data], check=True, capture_output=True)
        settings = {"inbound_addresses": ["support@example.com"], "sender_limit_per_hour": 1000000,
                    "auto_reply": False}
        with sqlite3.connect(os.path.join(data, "tandem.db")) as db:
            db.execute("INSERT INTO settings(key, value, updated_at) VALUES ('email', ?, 0)",
                       (json.dumps(settings),))
        messages = [message(n) for n in range(args.messages)]
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            lmtp_port = probe.getsockname()[1]
        server = subprocess.Popen([tandem, "serve", "--data", data, "--listen", "127.0.0.1:0"],
                                  env={**os.environ, "TANDEM_MAIL_LISTEN": f"127.0.0.1:{lmtp_port}"},
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:  # until the server listens (and has made its tables)
                try:
                    socket.create_connection(("127.0.0.1", lmtp_port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        sys.exit("the server did not start")
                    time.sleep(0.05)
            db = sqlite3.connect(f"file:{os.path.join(data, 'tandem.db')}?mode=ro", uri=True)
            before_items = items(db)
            server_cpu = cpu_seconds(server.pid)
            gates_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            load = os.getloadavg()
            start = time.monotonic()

            def gate(raw):
                return subprocess.run([tandem, "mail-gate", "--data", data], input=raw,
                                      capture_output=True).returncode

            def session(first):
                codes = []
                with smtplib.LMTP("127.0.0.1", lmtp_port) as lmtp:
                    lmtp.ehlo("bench.example")  # LHLO
                    for raw in messages[first::args.parallel]:
                        try:
                            refused = lmtp.sendmail("mta@bench.example", ["support@example.com"], raw)
                            codes.append(1 if refused else 0)
                        except smtplib.SMTPException:
                            codes.append(1)
                return codes

            with ThreadPoolExecutor(args.parallel) as pool:
                if args.via == "gate":
                    codes = list(pool.map(gate, messages))
                else:
                    codes = [code for codes in pool.map(session, range(args.parallel)) for code in codes]
            stored = time.monotonic()
            while items(db) - before_items < args.messages:
                if server.poll() is not None:
                    sys.exit("the server stopped")
                time.sleep(0.005)
            done = time.monotonic()
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (used.ru_utime - gates_cpu.ru_utime + used.ru_stime - gates_cpu.ru_stime +
                   cpu_seconds(server.pid) - server_cpu)
        finally:
            server.terminate()
            server.wait()
        failed = sum(1 for code in codes if code != 0)
        print(f"via={args.via} messages={args.messages} parallel={args.parallel} failed={failed} "
              f"load_average={load[0]:.2f},{load[1]:.2f},{load[2]:.2f}")
        print(f"stored_per_second={args.messages / (stored - start):.1f} "
              f"items_per_second={args.messages / (done - start):.1f} "
              f"cpu_ms_per_message={1000 * cpu / args.messages:.2f}")
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
