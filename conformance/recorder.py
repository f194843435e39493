"""A small HTTP server on 127.0.0.1 that records the requests the AWS CLI sends and answers them
as the Greengrass API would, so that the CLI can be run without anything leaving the machine.

It listens on a free port of the loopback address only, serves from a daemon thread, and stops
by itself after a time limit even if the test that started it never stops it."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIMIT_SECONDS = 300


class Recorder:
    """Start with `start()`, read `requests`, stop with `stop()` (or let the limit stop it)."""

    def __init__(self):
        self.requests = []
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with recorder._lock:
                    recorder.requests.append(
                        {"method": "POST", "path": self.path, "headers": dict(self.headers),
                         "body": body})
                answer = json.dumps({
                    "Arn": "arn:aws:greengrass:us-west-2:123456789012:/greengrass/definition/x",
                    "CreationTimestamp": "2026-01-01T00:00:00.000Z",
                    "Id": "0f6a1b2c-3d4e-5f60-7182-93a4b5c6d7e8",
                    "Version": "11111111-2222-3333-4444-555555555555",
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._timer = threading.Timer(LIMIT_SECONDS, self.stop)
        self._timer.daemon = True
        self._stopped = False

    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread.start()
        self._timer.start()
        return self

    def take(self):
        """The requests recorded so far, forgetting them."""
        with self._lock:
            taken, self.requests = self.requests, []
        return taken

    def stop(self):
        if self._stopped:
            return
        self._stopped = True
        self._timer.cancel()
        self._server.shutdown()
        self._server.server_close()
