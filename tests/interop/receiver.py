"""A force system on loopback that checks signatures, fails when told to, and drops repeats."""

import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from frontline.interop.signing import signature_verify


class Receiver:
    def __init__(
        self, secret: str, *, fail_first: int = 0, port: int = 0, tls: ssl.SSLContext | None = None
    ):
        self.secret = secret
        self.tls = tls  # a server context: https, and a client certificate if it demands one
        self.fail_first = fail_first
        self.attempts = 0
        self.rejected_signatures = 0
        self.seen: set[str] = set()  # delivery ids already processed
        self.processed: list[dict] = []  # each record processed once
        self.port = port
        self._server = None

    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.attempts += 1
                if not signature_verify(
                    receiver.secret,
                    self.headers.get("X-Frontline-Timestamp"),
                    body,
                    self.headers.get("X-Frontline-Signature"),
                ):
                    receiver.rejected_signatures += 1
                    return self._answer(401)
                if receiver.fail_first > 0:
                    receiver.fail_first -= 1
                    return self._answer(503)
                delivery = self.headers["X-Frontline-Delivery"]
                if delivery not in receiver.seen:
                    receiver.seen.add(delivery)
                    receiver.processed.append(json.loads(body))
                self._answer(200)

            def _answer(self, status):
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        if self.tls is not None:
            # Each accepted connection shakes hands first; a refused client never reaches
            # do_POST (socketserver drops a connection whose accept raised an OSError).
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}/frontline"
