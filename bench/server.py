"""The benchmark's HTTP server: nginx from Debian, configured in a temporary folder, on 127.0.0.1."""
import os
import socket
import subprocess
import time

ITEM_JSON = b'{"id": 42, "name": "widget", "tags": ["a", "b"], "price": 9.5, "stock": {"warehouse": "north", "count": 7}}\n'
SMALL_TEXT = b"Workbench benchmark: a small static response of about one hundred and twenty-eight bytes....\n"

CONFIG = """
{user}
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_requests 10000000;
    keepalive_timeout 120s;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    types {{ application/json json; text/plain txt; application/octet-stream bin; }}
    server {{
        listen 127.0.0.1:{port} reuseport;
        root {root}/www;
        location /cors/ {{
            if ($request_method = OPTIONS) {{
                add_header Access-Control-Allow-Origin "*";
                add_header Access-Control-Allow-Methods "GET, POST";
                add_header Access-Control-Allow-Headers "X-Bench";
                add_header Access-Control-Max-Age 600;
                return 204;
            }}
            add_header Access-Control-Allow-Origin "*" always;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx serving /small.txt, /item.json, /big.bin (a sparse file of `big_size` bytes) and /cors/*."""

    def __init__(self, root: str, big_size: int):
        self.root = root
        self.port = free_port()
        www = os.path.join(root, "www")
        os.makedirs(os.path.join(www, "cors"), exist_ok=True)
        os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
        for folder in (www, os.path.join(www, "cors")):
            with open(os.path.join(folder, "small.txt"), "wb") as f:
                f.write(SMALL_TEXT)
            with open(os.path.join(folder, "item.json"), "wb") as f:
                f.write(ITEM_JSON)
        self.big_size = big_size
        with open(os.path.join(www, "big.bin"), "wb") as f:
            f.truncate(big_size)  # sparse: costs no disk, nginx sends zeros with sendfile
        user = "user root;" if os.geteuid() == 0 else ""
        self.config = os.path.join(root, "nginx.conf")
        with open(self.config, "w") as f:
            f.write(CONFIG.format(root=root, port=self.port, user=user))
        self.process = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self.process = subprocess.Popen(["nginx", "-c", self.config, "-p", self.root],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("nginx exited: " + self.process.stderr.read().decode(errors="replace"))
                time.sleep(0.05)
        raise RuntimeError(f"nginx did not listen on 127.0.0.1:{self.port} within 10 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()  # the master stops its worker
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
