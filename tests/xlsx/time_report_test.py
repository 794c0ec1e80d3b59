#!/usr/bin/python3
"""Downloads the time report as XLSX from a real server and reads it with openpyxl: the header, the numbers
and their formats, the bold subtotal and total rows; then the invoice report of an organization.

Usage: time_report_test.py TANDEM_BINARY
"""
import http.cookiejar
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import openpyxl

PASSWORD = "correct horse battery"


class Server:
    """`tandem serve` on a free port over a fresh data folder, with an admin signed in."""

    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="tandem-xlsx-")
        subprocess.run([binary, "admin", "create-user", "--data", self.dir, "--email", "admin@tandem.test",
                        "--name", "Ada Admin", "--role", "admin", "--password", PASSWORD],
                       check=True, capture_output=True)
        self.log = open(os.path.join(self.dir, "server.log"), "w+")
        self.process = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data", self.dir],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.url = self._wait_for_url()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = self.call("POST", "/api/v1/auth/login",
                              {"email": "admin@tandem.test", "password": PASSWORD})["csrf_token"]

    def _wait_for_url(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            self.log.seek(0)
            found = re.search(r"tandem listening on (http://[0-9.]+:[0-9]+)", self.log.read())
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.log.seek(0)
        raise RuntimeError("the server did not start:\n" + self.log.read())

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if method != "GET":
            request.add_header("X-CSRF-Token", getattr(self, "csrf", ""))
        with self.opener.open(request) as response:
            return response.status, response.headers, response.read()

    def call(self, method, path, body=None):
        _, _, content = self.request(method, path, body)
        return json.loads(content) if content else None

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=15)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def rows_of(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def main(binary):
    server = Server(binary)
    try:
        org = server.call("POST", "/api/v1/organizations", {"name": "Acme"})["id"]
        alpha = server.call("POST", "/api/v1/projects", {"name": "Alpha"})["id"]
        beta = server.call("POST", "/api/v1/projects", {"name": "Beta"})["id"]
        server.call("POST", "/api/v1/projects/share", {"project_ids": [alpha], "organization_ids": [org]})
        server.call("PUT", "/api/v1/rates", {"project_id": alpha, "hourly_rate": 80})
        task_a = server.call("POST", "/api/v1/items", {"type": "task", "title": "Alpha task", "project_id": alpha})["id"]
        task_b = server.call("POST", "/api/v1/items", {"type": "task", "title": "Beta task", "project_id": beta})["id"]
        ids = []
        for item, day, minutes in [(task_a, "2026-10-05", 90), (task_a, "2026-10-06", 30), (task_b, "2026-10-07", 45)]:
            ids.append(server.call("POST", "/api/v1/timesheets", {
                "item_id": item, "started_at": day + "T09:00:00Z", "minutes": minutes, "submit": True})["id"])
        server.call("POST", "/api/v1/timesheets/approve", {"ids": ids})

        status, headers, content = server.request("GET", "/api/v1/reports/timesheets?group_by=project,day&format=xlsx")
        check(status == 200, "the report answers 200")
        check(headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "the report is a spreadsheet: " + headers["Content-Type"])
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = rows_of(sheet)
        check(rows[0] == ["Project", "Day", "Hours", "Billable hours", "Amount", "Timesheets"], f"header: {rows[0]}")
        check(rows[1] == ["Alpha", "2026-10-05", 1.5, 1.5, 120, 1], f"first detail: {rows[1]}")
        check(rows[2] == ["Alpha", "2026-10-06", 0.5, 0.5, 40, 1], f"second detail: {rows[2]}")
        check(rows[3] == ["Total Alpha", None, 2, 2, 160, 2], f"Alpha subtotal: {rows[3]}")
        check(rows[4] == ["Beta", "2026-10-07", 0.75, 0.75, 0, 1], f"Beta detail: {rows[4]}")
        check(rows[5] == ["Total Beta", None, 0.75, 0.75, 0, 1], f"Beta subtotal: {rows[5]}")
        check(rows[6] == ["Total", None, 2.75, 2.75, 160, 3], f"total: {rows[6]}")
        check(len(rows) == 7, f"seven rows, not {len(rows)}")
        check(all(sheet.cell(row=1, column=c).font.b for c in range(1, 7)), "the header is bold")
        check(not sheet.cell(row=2, column=1).font.b, "detail rows are not bold")
        check(sheet.cell(row=4, column=1).font.b and sheet.cell(row=7, column=3).font.b,
              "subtotal and total rows are bold")
        check(sheet.cell(row=2, column=3).number_format == "0.00", "hours have two decimals")
        check(sheet.cell(row=2, column=5).number_format == "#,##0.00", "amounts are money")
        check(sheet.freeze_panes == "A2", "the header stays in view")

        status, _, content = server.request(
            "GET", f"/api/v1/reports/timesheets/invoice?organization_id={org}&from=2026-10-01&to=2026-10-31&format=xlsx")
        check(status == 200, "the invoice report answers 200")
        rows = rows_of(openpyxl.load_workbook(io.BytesIO(content)).active)
        check(rows[0] == ["Project", "Date", "Item", "User", "Note", "Timesheet", "Hours", "Rate", "Amount"],
              f"invoice header: {rows[0]}")
        check(rows[1][:2] == ["Alpha", "2026-10-05"] and rows[1][6:] == [1.5, 80, 120], f"invoice line: {rows[1]}")
        check(rows[3][0] == "Total Alpha" and rows[3][8] == 160, f"invoice subtotal: {rows[3]}")
        check(rows[-1][0] == "Total" and rows[-1][8] == 160, f"invoice total: {rows[-1]}")
    finally:
        server.stop()
    print("xlsx time report: ok")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: time_report_test.py TANDEM_BINARY")
    main(sys.argv[1])
