#!/usr/bin/env python3
"""Real-world mail shapes through the whole inbound pipeline: every message of tests/data/mail/corpus, an
Outlook winmail.dat built here byte by byte, and attachments near and beyond the size limit, sent over SMTP to
a real `tandem serve`; the tickets, their customers and their files are read back through the API.

Run one test: TANDEM_BIN=build/tandem python3 tests/mail/corpus_test.py CorpusTest.test_corpus
"""

import base64
import hashlib
import os
import random
import smtplib
import struct
import unittest

from mail_test import CORPUS, SUPPORT, MailCase

CORPUS_DIR = os.path.join(CORPUS, "corpus")
MIB = 1024 * 1024

# What each corpus message must become: the ticket's title, words its description holds and never holds,
# the names of its files (besides the original .eml) and its requester's name.
EXPECTED = {
    "alternative.eml": {
        "title": "Cannot export the quarterly report",
        "has": ["The export button does nothing since Monday.", "Steps: Reports > Quarterly > Export."],
        "lacks": ["HTML rendering only", "<"],
        "requester": "Olga Petrova",
    },
    "html_only.eml": {
        "title": "Order 5512 never arrived",
        "has": ["My order 5512 never arrived & tracking says \u00abdelivered\u00bb.", "- Ordered: 20 November",
                "Order page (https://shop.example/orders/5512)", "[photo of the box]"],
        "lacks": ["alert", "script", "document.cookie", "steal", "Hidden title", "color: red", "javascript:",
                  "evil.example", "<", "onerror"],
    },
    "base64_body.eml": {
        "title": "Invoice total in base64",
        "has": ["\u041f\u0440\u0438\u0432\u0435\u0442! The invoice total is wrong: 1 200 \u20ac instead of 120 \u20ac."],
    },
    "quoted_printable.eml": {
        "title": "Menu duplicates \u2014 cr\u00e8me",
        "has": ["the caf\u00e9 menu shows \u201cCr\u00e8me br\u00fbl\u00e9e\u201d twice.",
                "has to wrap it with a soft line break somewhere in the middle."],
        "lacks": ["=E2", "=\n"],
    },
    "windows1251.eml": {
        "title": "\u041d\u0435 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442 \u043f\u0435\u0447\u0430\u0442\u044c "
                 "\u0441\u0447\u0435\u0442\u043e\u0432",
        "has": ["\u041f\u0435\u0447\u0430\u0442\u044c \u0441\u0447\u0435\u0442\u043e\u0432 \u0437\u0430\u0432\u0438\u0441"
                "\u0430\u0435\u0442 \u043d\u0430 \u0432\u0442\u043e\u0440\u043e\u0439 \u0441\u0442\u0440\u0430\u043d"
                "\u0438\u0446\u0435."],
        "files": ["\u0421\u0447\u0435\u0442.txt"],
        "requester": "\u0421\u0435\u0440\u0433\u0435\u0439 \u0418\u0432\u0430\u043d\u043e\u0432",
    },
    "koi8r_qp.eml": {
        "title": "\u041f\u0440\u0438\u043d\u0442\u0435\u0440 \u043f\u0435\u0447\u0430\u0442\u0430\u0435\u0442 "
                 "\u043f\u0443\u0441\u0442\u044b\u0435 \u043b\u0438\u0441\u0442\u044b",
        "has": ["\u041f\u0440\u0438\u043d\u0442\u0435\u0440 \u0432 \u0431\u0443\u0445\u0433\u0430\u043b\u0442\u0435"
                "\u0440\u0438\u0438 \u043f\u0435\u0447\u0430\u0442\u0430\u0435\u0442 \u043f\u0443\u0441\u0442\u044b"
                "\u0435 \u043b\u0438\u0441\u0442\u044b."],
        "requester": "\u041e\u0442\u0434\u0435\u043b \u043a\u0430\u0434\u0440\u043e\u0432",
    },
    "inline_image.eml": {
        "title": "Logo is blurry on the portal",
        "has": ["See how it looks:", "It should be sharp."],
        "lacks": ["cid:", "<"],
        "files": ["logo.png"],
    },
    "missing_date_and_from.eml": {
        "title": "Nobody sent this",
        "has": ["A message without From and Date headers."],
    },
    "garbage_headers.eml": {
        "has": ["The body survives the garbage above."],
    },
    "unterminated_boundary.eml": {
        "title": "Cut off in the middle",
        "has": ["The attachment below is cut off and the boundary never closes."],
        "files": ["report.pdf"],
    },
    "invalid_charset.eml": {
        "has": ["\u041e\u0448\u0438\u0431\u043a\u0430 \u0432 \u043a\u043e\u0434\u0438\u0440\u043e\u0432\u043a\u0435, "
                "but the text is still readable."],
    },
}


def tnef_attribute(level, attribute_id, data):
    """One TNEF attribute (MS-OXTNEF 2.1.3.1): level, id, length, data, checksum of the data."""
    return struct.pack("<BII", level, attribute_id, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def winmail_dat(body, title, long_name, content):
    """A winmail.dat as Outlook writes it: code page, plain body, one attachment with its 8.3 title, data and
    a MAPI property list naming it in UTF-16."""
    name = (long_name + "\0").encode("utf-16-le")
    properties = (struct.pack("<I", 2) +
                  struct.pack("<HHI", 0x0003, 0x3705, 1) +  # PR_ATTACH_METHOD: by value
                  struct.pack("<HHII", 0x001F, 0x3707, 1, len(name)) + name + b"\0" * (-len(name) % 4))
    return (struct.pack("<IH", 0x223E9F78, 0x0101) +
            tnef_attribute(1, 0x00069007, struct.pack("<II", 1252, 0)) +  # attOemCodepage
            tnef_attribute(1, 0x0002800C, body.encode() + b"\0") +        # attBody
            tnef_attribute(2, 0x00069002, bytes(14)) +                    # attAttachRendData: an attachment
            tnef_attribute(2, 0x00018010, title.encode() + b"\0") +       # attAttachTitle
            tnef_attribute(2, 0x0006800F, content) +                      # attAttachData
            tnef_attribute(2, 0x00069005, properties))                    # attAttachment


def with_attachment(subject, message_id, name, mime, content, text=None):
    """A multipart/mixed message with an optional text part and one base64 attachment."""
    parts = []
    if text is not None:
        parts.append(b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.encode() + b"\r\n")
    parts.append(("Content-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\n" % (mime, name, name)).encode() +
                 base64.encodebytes(content).replace(b"\n", b"\r\n"))
    head = ("From: Paul <paul@outlook-user.example>\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: <%s>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"part\"\r\n\r\n"
            % (SUPPORT, subject, message_id)).encode()
    return head + b"".join(b"--part\r\n" + p for p in parts) + b"--part--\r\n"


class CorpusTest(MailCase):
    def files_of(self, item):
        """The files on the ticket's messages: name → attachment JSON."""
        return {f["name"]: f for m in self.api.messages(item["id"]) for f in m["attachments"]}

    def test_corpus(self):
        names = sorted(n for n in os.listdir(CORPUS_DIR) if n.endswith(".eml"))
        self.assertEqual(names, sorted(EXPECTED), "every corpus message has its expectations, and only those")
        self.api.call("PUT", "/api/v1/settings/email", {"sender_limit_per_hour": 100})
        for name in names:
            with open(os.path.join(CORPUS_DIR, name), "rb") as f:
                self.smtp_send(f.read(), sender="relay@mx.example")
        items = self.processed(len(names))
        self.assertEqual(len(items), len(names))
        customers = {c["id"]: c["name"] for c in self.api.call("GET", "/api/v1/customers?limit=200")["data"]}
        for name in names:
            with self.subTest(name):
                want = EXPECTED[name]
                item = next((i for i in items if any(h in i["description"] for h in want["has"])), None)
                self.assertIsNotNone(item, "no ticket carries the text of " + name)
                self.assertTrue(item["title"].strip())
                if "title" in want:
                    self.assertEqual(item["title"], want["title"])
                for text in want["has"]:
                    self.assertIn(text, item["description"])
                for text in want.get("lacks", []):
                    self.assertNotIn(text, item["description"])
                files = self.files_of(item)
                for file in want.get("files", []):
                    self.assertIn(file, files)
                self.assertTrue(any(f.endswith(".eml") for f in files), "the original is kept")
                if "requester" in want:
                    requesters = [customers.get(r["id"]) for r in item["requesters"] if r["kind"] == "customer"]
                    self.assertEqual(requesters, [want["requester"]])
        logo = self.files_of(self.item_titled("Logo is blurry on the portal"))["logo.png"]
        self.assertEqual(logo["mime"], "image/png")
        with open(os.path.join(CORPUS_DIR, "inline_image.eml"), "rb") as f:
            png = base64.b64decode(f.read().split(b"\r\n\r\n")[-1].split(b"--rel--")[0])
        self.assertEqual(self.api.download(logo["url"]), png)

    def test_winmail_dat_becomes_its_body_and_files(self):
        dat = winmail_dat("Please find the work plan attached.\r\nPaul", "PLAN~1.TXT",
                          "\u041f\u043b\u0430\u043d \u0440\u0430\u0431\u043e\u0442.txt", b"1. Survey\r\n2. Build\r\n")
        self.smtp_send(with_attachment("Work plan", "tnef-1@outlook-user.example", "winmail.dat",
                                       "application/ms-tnef", dat))
        item = self.item_titled("Work plan")
        self.assertIn("Please find the work plan attached.", item["description"])
        files = self.files_of(item)
        self.assertNotIn("winmail.dat", files)
        plan = files["\u041f\u043b\u0430\u043d \u0440\u0430\u0431\u043e\u0442.txt"]
        self.assertEqual(self.api.download(plan["url"]), b"1. Survey\r\n2. Build\r\n")
        # A damaged winmail.dat is kept as it came, next to the text part.
        self.smtp_send(with_attachment("Broken plan", "tnef-2@outlook-user.example", "winmail.dat",
                                       "application/ms-tnef", dat[:8], text="See the attachment."))
        broken = self.item_titled("Broken plan")
        self.assertEqual(broken["description"], "See the attachment.")
        self.assertEqual(self.api.download(self.files_of(broken)["winmail.dat"]["url"]), dat[:8])

    def test_huge_attachment_and_one_beyond_the_size_limit(self):
        """An 18 MiB attachment (about 24.6 MiB as sent) under the default 25 MiB limit is stored whole; a
        26 MiB message is refused with 552 and leaves nothing behind."""
        content = random.Random(7).randbytes(18 * MIB)
        self.smtp_send(with_attachment("Disk image", "huge-1@acme.example", "disk.img",
                                       "application/octet-stream", content, text="The image is attached."))
        item = self.item_titled("Disk image")
        disk = self.files_of(item)["disk.img"]
        self.assertEqual(disk["size"], len(content))
        self.assertEqual(hashlib.sha256(self.api.download(disk["url"])).hexdigest(),
                         hashlib.sha256(content).hexdigest())
        too_big = with_attachment("Too big", "huge-2@acme.example", "big.img", "application/octet-stream",
                                  bytes(19 * MIB + MIB // 2))
        self.assertGreater(len(too_big), 25 * MIB)
        with self.assertRaises(smtplib.SMTPException) as refused:
            self.smtp_send(too_big)
        self.assertEqual(getattr(refused.exception, "smtp_code", None), 552)
        self.assertEqual(self.mail_gate(too_big).returncode, 65)  # EX_DATAERR: the MTA bounces it
        self.assertEqual([i["title"] for i in self.processed(1)], ["Disk image"])


if __name__ == "__main__":
    unittest.main()
