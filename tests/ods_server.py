"""A stand-in for the UN Official Document System on 127.0.0.1, for the tests of editions by symbol.

`/api/symbol/access?s=SYMBOL&l=en&t=pdf` answers as ODS does: a redirect to the document's file, served with an
ETag and Last-Modified (and 304 to a matching conditional request). Some symbols answer badly on purpose; see
BAD_ANSWERS. The server runs in a thread of the test process (`OdsServer().start()`), counts the requests for
each symbol, and sends nothing anywhere but the client that asked.
"""
from __future__ import annotations

import hashlib
import http.server
import threading
import time
import urllib.parse
from pathlib import Path

#: Symbols that answer badly, and how. The HTML page carries a terminal escape sequence and a bidi override:
#: neither may reach the user's terminal.
BAD_ANSWERS = {
    "S/2099/404": "not found",
    "S/2099/900": "an HTML page (200, text/html)",
    "S/2099/901": "an HTML page labelled application/pdf",
    "S/2099/902": "slow: headers after 3 s",
    "S/2099/903": "truncated: Content-Length larger than the body",
    "S/2099/904": "oversized: Content-Length above the limit",
    "S/2099/905": "oversized: no Content-Length, the body runs past the limit",
    "S/2099/906": "503 once, then the document",
    "S/2099/907": "503 every time",
    "S/2099/908": "429 with Retry-After: 3600",
    "S/2099/909": "redirects for ever",
    "S/2099/910": "a PDF cut in half, served whole (its Content-Length matching)",
    "S/2099/911": "an HTML page after a %PDF- header, labelled application/pdf",
    "S/2099/912": "the document, with an ETag and a Last-Modified that are not ASCII (an é, an escape sequence)",
    "S/2099/913": "a redirect to a server that is down (127.0.0.1:9)",
    "S/2099/914": "a redirect to a data: URL (httpx: InvalidURL, not an HTTPError)",
}
#: The first half of a real report: a PDF cut short, as S/2099/910 serves it.
HALF_PDF = (Path(__file__).resolve().parent.parent / "samples" / "S_2025_72.pdf").read_bytes()[:60000]
EVIL_HTML = ("<!DOCTYPE html><html><body>\x1b[31mEVIL\x1b[0m \u202eSERVER TEXT Document not found"
             "</body></html>").encode("utf-8")


class OdsServer:
    def __init__(self, documents: dict[str, Path]) -> None:
        self.documents = dict(documents)          # symbol -> PDF served for it
        self.hits: dict[str, int] = {}
        self.last_headers: dict[str, dict] = {}
        handler = type("Handler", (_Handler,), {"ods": self})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> "OdsServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    ods: OdsServer

    def log_message(self, *args) -> None:        # quiet
        pass

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/api/symbol/access":
            symbol = (query.get("s") or [""])[0]
            self.ods.hits[symbol] = self.ods.hits.get(symbol, 0) + 1
            self.ods.last_headers[symbol] = dict(self.headers)
            return self._access(symbol, self.ods.hits[symbol])
        if url.path.startswith("/doc/"):
            return self._document(urllib.parse.unquote(url.path[len("/doc/"):]))
        if url.path.startswith("/loop/"):
            return self._redirect(url.path)
        self._plain(404, b"no such page")

    def _access(self, symbol: str, hit: int) -> None:
        bad = {
            "S/2099/404": lambda: self._plain(404, EVIL_HTML, "text/html"),
            "S/2099/900": lambda: self._plain(200, EVIL_HTML, "text/html; charset=utf-8"),
            "S/2099/901": lambda: self._plain(200, EVIL_HTML * 40, "application/pdf"),
            "S/2099/902": lambda: (time.sleep(3), self._plain(200, b"%PDF-1.4 late", "application/pdf")),
            "S/2099/903": self._truncated,
            "S/2099/904": self._announced_too_large,
            "S/2099/905": self._streamed_too_large,
            "S/2099/906": lambda: (self._status(503, retry_after="0") if hit == 1
                                   else self._redirect("/doc/" + urllib.parse.quote("S/2099/906", safe=""))),
            "S/2099/907": lambda: self._status(503),
            "S/2099/908": lambda: self._status(429, retry_after="3600"),
            "S/2099/909": lambda: self._redirect("/loop/1"),
            "S/2099/910": lambda: self._plain(200, HALF_PDF, "application/pdf"),
            "S/2099/911": lambda: self._plain(200, b"%PDF-1.4\n" + EVIL_HTML, "application/pdf"),
            "S/2099/912": self._odd_validators,
            "S/2099/913": lambda: self._redirect("http://127.0.0.1:9/doc/S%2F2099%2F913"),
            "S/2099/914": lambda: self._redirect("data:application/pdf;base64,JVBERi0="),
        }.get(symbol)
        if bad is not None:
            bad()
        elif symbol in self.ods.documents:
            self._redirect("/doc/" + urllib.parse.quote(symbol, safe=""))
        else:
            self._plain(404, EVIL_HTML, "text/html")

    def _document(self, symbol: str) -> None:
        path = self.ods.documents.get(symbol)
        if path is None:
            return self._plain(404, b"gone")
        body = path.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Fri, 31 Jan 2025 12:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def _odd_validators(self) -> None:
        body = (Path(__file__).resolve().parent.parent / "samples" / "S_2025_72.pdf").read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", '"v\xe91\x1b[31m"')
        self.send_header("Last-Modified", "Mon, 01 Dec 2025 \xe9\x1b[31m")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        if location.startswith("/loop/"):
            location = f"/loop/{int(location.rsplit('/', 1)[1]) + 1}"
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _status(self, code: int, retry_after: str | None = None) -> None:
        self.send_response(code, "\x1b[31mEVIL reason\x1b[0m")
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(EVIL_HTML)))
        self.end_headers()
        self.wfile.write(EVIL_HTML)

    def _plain(self, code: int, body: bytes, kind: str = "text/plain") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _truncated(self) -> None:
        body = b"%PDF-1.4\n" + b"0" * 20000
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body) * 3))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def _announced_too_large(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(10 * 1024 * 1024))
        self.end_headers()
        self.wfile.write(b"%PDF-1.4\n" + b"0" * 1000)
        self.close_connection = True

    def _streamed_too_large(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.end_headers()                       # HTTP/1.0, no length: the body ends when the connection closes
        self.wfile.write(b"%PDF-1.4\n")
        for _ in range(40):                      # 40 x 64 KiB = 2.5 MiB, past the tests' 1.5 MB limit
            self.wfile.write(b"0" * 65536)
        self.close_connection = True
