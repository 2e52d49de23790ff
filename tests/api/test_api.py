"""Checks of the OpenAPI document against the contract and a live server.

1. docs/openapi.json's Result schema is in step with ../shared/spec/result_schema.json
   (scripts/openapi.py --check) and the document is valid OpenAPI 3.1 (openapi-spec-validator).
2. A release `zhengxin serve` on loopback serves exactly that document at /openapi.json, and its
   real answers (text reports with and without evidence, a non-PDF, a bad switch, missing
   and wrong credentials) match the documented response schemas.
3. schemathesis generates requests from the document against the live server, bounded by
   SCHEMATHESIS_MAX_EXAMPLES per operation and SCHEMATHESIS_MAX_SECONDS, with every check that
   applies (see SKIPPED_CHECKS); the counts are printed.

Run by `make api-check` (which builds the binary and the pinned virtual environment) as
`python -m unittest discover -s tests/api`. ZHENGXIN_HOME must point at the models.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import jsonschema
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "openapi.json"
BIN = ROOT / "target" / "release" / "zhengxin"
GOLDEN = ROOT / "tests" / "fixtures" / "golden"
TEXT_REPORTS = ["synth_s77_001", "chr_s2026_004"]
API = "/api/credit_report_v2"
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "60"))
MAX_SECONDS = int(os.environ.get("SCHEMATHESIS_MAX_SECONDS", "75"))
# Checks that cannot hold for this API whatever the server does, and why:
# - positive_data_acceptance: a schema cannot say "a PDF of a second-generation credit report",
#   so data valid by the schema (any bytes in `image_file`) is rightly refused with a 400.
SKIPPED_CHECKS = ["positive_data_acceptance"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(fields):
    """A multipart/form-data body: fields maps a name to bytes (a file) or str (a value)."""
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += f"--{boundary}\r\n".encode()
        if isinstance(value, bytes):
            out += f'Content-Disposition: form-data; name="{name}"; filename="{name}.pdf"\r\n'.encode()
            out += b"Content-Type: application/pdf\r\n\r\n" + value + b"\r\n"
        else:
            out += f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


class Server:
    """A release `zhengxin serve` on a free loopback port, stopped on exit."""

    def __init__(self, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "RUST_LOG": "warn", **env}
        self.log = tempfile.TemporaryFile()

    def __enter__(self):
        self.proc = subprocess.Popen([str(BIN), "serve", "--addr", f"127.0.0.1:{self.port}"],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"zhengxin serve exited with {self.proc.returncode}: {self.output()}")
            try:
                if self.get("/readyz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"zhengxin serve not ready in 120 s: {self.output()}")

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def output(self):
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, fields, headers=None):
        body, ctype = multipart(fields)
        return self.request("POST", API, body, {"Content-Type": ctype, **(headers or {})})


class Documented:
    """Validates bodies against the document's response schemas."""

    def __init__(self, doc):
        self.doc = doc

    def validate(self, path, method, code, body):
        response = self.doc["paths"][path][method]["responses"][str(code)]
        schema = response["content"]["application/json"]["schema"]
        # The components travel with the schema so that its `#/components/…` refs resolve.
        root = {**schema, "components": self.doc["components"]}
        jsonschema.Draft202012Validator(root).validate(json.loads(body))


class OpenApiDocument(unittest.TestCase):
    def test_result_schema_in_step_with_the_contract(self):
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "openapi.py"), "--check"],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 0, out.stderr)

    def test_document_is_valid_openapi_3_1(self):
        doc = json.loads(DOC.read_text(encoding="utf-8"))
        self.assertEqual(doc["openapi"], "3.1.0")
        validate(doc)


@unittest.skipUnless(BIN.exists(), f"{BIN} not built (make api-check builds it)")
class LiveServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = json.loads(DOC.read_text(encoding="utf-8"))
        cls.documented = Documented(cls.doc)
        cls.server = Server(ZHENGXIN_WORKERS="2").__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def test_serves_the_document(self):
        code, headers, body = self.server.get("/openapi.json")
        self.assertEqual(code, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/json"))
        self.assertEqual(body, DOC.read_bytes())

    def test_real_answers_match_the_documented_schemas(self):
        for name in TEXT_REPORTS:
            pdf = (GOLDEN / f"{name}.pdf").read_bytes()
            for evidence in ("0", "1"):
                with self.subTest(report=name, evidence=evidence):
                    code, _, body = self.server.post_form({"image_file": pdf, "evidence": evidence})
                    self.assertEqual(code, 200, body[:300])
                    self.documented.validate(API, "post", 200, body)
                    answer = json.loads(body)
                    self.assertEqual(answer["result"], json.loads((GOLDEN / f"{name}.result.json").read_text()))
                    self.assertEqual("evidence" in answer, evidence == "1")
        refused = [
            ({"image_file": b"GIF89a not a pdf" * 100}, "PARAMETER_ERROR"),
            ({"auto_classify": "1"}, "PARAMETER_ERROR"),
            ({"image_file": (GOLDEN / "synth_s77_001.pdf").read_bytes(), "evidence": "2"}, "PARAMETER_ERROR"),
            ({"image_file": b"%PDF-1.7\n" + b"\0" * 2048}, None),
        ]
        for fields, status in refused:
            with self.subTest(fields=sorted(fields)):
                code, _, body = self.server.post_form(fields)
                self.assertEqual(code, 400, body[:300])
                self.documented.validate(API, "post", 400, body)
                if status:
                    self.assertEqual(json.loads(body)["status"], status)
        for path in ("/healthz", "/readyz"):
            code, _, body = self.server.get(path)
            self.documented.validate(path, "get", code, body)

    def test_credentials_are_checked_as_documented(self):
        with Server(ZHENGXIN_API_KEYS="test-key-0123456789") as guarded:
            pdf = (GOLDEN / "synth_s77_001.pdf").read_bytes()
            for headers in ({}, {"X-Api-Key": "wrong-key-0123456789"}):
                code, _, body = guarded.post_form({"image_file": pdf}, headers)
                self.assertEqual(code, 400)
                self.documented.validate(API, "post", 400, body)
                self.assertEqual(json.loads(body)["status"], "NO_PERMISSION")
            for headers in ({"X-Api-Key": "test-key-0123456789"}, {"Authorization": "Bearer test-key-0123456789"}):
                code, _, body = guarded.post_form({"image_file": pdf}, headers)
                self.assertEqual(code, 200, body[:300])

    def test_schemathesis_finds_nothing(self):
        cli = Path(sys.executable).parent / "schemathesis"
        with tempfile.TemporaryDirectory() as reports:
            ndjson = Path(reports) / "events.ndjson"
            cmd = [str(cli), "run", str(DOC), "--url", self.server.url,
                   "--checks", "all", "--exclude-checks", ",".join(SKIPPED_CHECKS),
                   "--max-examples", str(MAX_EXAMPLES), "--max-time", str(MAX_SECONDS),
                   "--seed", "2026", "--workers", "2", "--request-timeout", "60",
                   "--report", "ndjson", "--report-ndjson-path", str(ndjson)]
            started = time.time()
            # In the temporary directory: schemathesis keeps its example database in the cwd.
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=MAX_SECONDS + 120, cwd=reports,
                                 env={**os.environ, "NO_COLOR": "1"})
            took = time.time() - started
            # schemathesis' own summary: operations, phases, warnings, and the count of
            # generated requests with how many passed.
            lines = out.stdout.splitlines()
            start = next((i for i, l in enumerate(lines) if "SUMMARY" in l), len(lines))
            print(f"\nschemathesis ({took:.0f} s; at most {MAX_EXAMPLES} examples per operation, {MAX_SECONDS} s):",
                  file=sys.stderr)
            for line in lines[start + 1:]:
                if line.strip():
                    print("  " + line.strip(), file=sys.stderr)
            self.assertEqual(out.returncode, 0, out.stdout[-6000:] + out.stderr[-2000:])


if __name__ == "__main__":
    unittest.main()
