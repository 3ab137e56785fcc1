"""deploy/nginx.conf, run by a real nginx in front of a stand-in app.

`make test` installs Debian's nginx. The file is used as shipped except for
paths and ports, which point into a temp dir: the listen ports, the upstream
address, /srv/portal, the cache, TLS, log and pid paths; IPv6 listen lines are
dropped (CI machines may have no IPv6) and workers keep the test's user.
"""

import datetime
import http.client
import http.server
import itertools
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

# Starts servers or subprocesses: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
HOST = "wenming.example.cn"


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    assert found, "nginx is missing: `make test` installs Debian's nginx"
    return found


def write_self_signed_certificate(cert_path, key_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StandInApp(http.server.BaseHTTPRequestHandler):
    """Answers like the portal would, numbering each response that reaches it."""

    counter = itertools.count(1)

    def log_message(self, *args):
        pass

    def answer(self):
        n = next(self.counter)
        headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=60", "Vary": "Cookie"}
        if self.path.startswith("/sets-cookie/"):
            headers["Set-Cookie"] = "voter=abc; HttpOnly"
        if self.path.startswith("/private-message/"):
            headers["Cache-Control"] = "private, no-store"
        if self.path.startswith("/evaluation/files/"):
            headers = {"X-Accel-Redirect": "/_private/nominations/photo.jpg", "Cache-Control": "private, no-store"}
        body = f"response {n}".encode()
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.answer()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    binary = nginx_binary()
    root = tmp_path_factory.mktemp("nginx")
    for sub in ("srv/staticfiles/css", "srv/media/images", "srv/media/documents", "srv/private_media/nominations"):
        (root / sub).mkdir(parents=True)
    (root / "srv/staticfiles/css/site.css").write_text("body{}")
    (root / "srv/media/images/photo.jpg").write_bytes(b"public image")
    (root / "srv/media/documents/report.pdf").write_bytes(b"document")
    (root / "srv/private_media/nominations/photo.jpg").write_bytes(b"private photo")
    for sub in ("cache", "tls", "log"):
        (root / sub).mkdir()
    write_self_signed_certificate(root / "tls/portal.crt", root / "tls/portal.key")

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()
    text = CONF.read_text()
    for old, new in [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("server 127.0.0.1:8000", f"server 127.0.0.1:{app.server_address[1]}"),
        ("/srv/portal", str(root / "srv")),
        ("/var/cache/nginx/portal", str(root / "cache")),
        ("/etc/nginx/tls", str(root / "tls")),
        ("/var/log/nginx", str(root / "log")),
        ("/run/nginx-portal.pid", str(root / "nginx.pid")),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    # Workers would drop to www-data, who cannot enter pytest's private temp dir.
    text = text.replace("user www-data;", "user root;" if os.geteuid() == 0 else "")
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    conf = root / "nginx.conf"
    conf.write_text(text)

    check = subprocess.run([binary, "-t", "-c", str(conf)], capture_output=True, text=True)  # noqa: S603
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([binary, "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.PIPE)  # noqa: S603
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield {"http": http_port, "https": https_port, "root": root}
    proc.terminate()
    proc.wait(timeout=10)
    app.shutdown()


def fetch(site, path, method="GET", cookie=None, body=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    conn = http.client.HTTPSConnection("127.0.0.1", site["https"], context=context, timeout=10)
    headers = {"Host": HOST}
    if cookie:
        headers["Cookie"] = cookie
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    content = response.read()
    conn.close()
    return response, content


def twice(site, path, **kwargs):
    first = fetch(site, path, **kwargs)
    second = fetch(site, path, **kwargs)
    return first, second


def test_plain_http_redirects_to_https(site):
    conn = http.client.HTTPConnection("127.0.0.1", site["http"], timeout=10)
    conn.request("GET", "/news/?page=2", headers={"Host": HOST})
    response = conn.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/news/?page=2"


def test_anonymous_page_is_served_from_the_micro_cache(site):
    (first, body1), (second, body2) = twice(site, "/news/")
    assert first.getheader("X-Micro-Cache") == "MISS"
    assert second.getheader("X-Micro-Cache") == "HIT"
    assert body1 == body2


def test_live_vote_counts_feed_is_shared_for_a_few_seconds(site):
    (_, body1), (second, body2) = twice(site, "/2026q3-haoren/candidates/counts/")
    assert second.getheader("X-Micro-Cache") == "HIT"
    assert body1 == body2


def test_visitors_with_other_cookies_share_the_anonymous_copy(site):
    _, fresh = fetch(site, "/honour-roll/")
    response, body = fetch(site, "/honour-roll/", cookie="voter=abc; csrftoken=xyz")
    assert response.getheader("X-Micro-Cache") == "HIT"
    assert body == fresh


def test_care_mode_visitors_get_their_own_copy(site):
    _, standard = fetch(site, "/stories/")
    _, care = fetch(site, "/stories/", cookie="care_mode=1")
    _, care_again = fetch(site, "/stories/", cookie="care_mode=1")
    assert care != standard
    assert care_again == care


def test_signed_in_staff_are_never_served_from_or_into_the_cache(site):
    fetch(site, "/topics/")  # an anonymous copy is now cached
    (first, body1), (second, body2) = twice(site, "/topics/", cookie="sessionid=abc123; care_mode=0")
    assert first.getheader("X-Micro-Cache") == second.getheader("X-Micro-Cache") == "BYPASS"
    assert body1 != body2


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/",
        "/django-admin/",
        "/api/v1/campaigns",
        "/search/?query=%E5%BF%97%E6%84%BF",
        "/evaluation/campaigns/5/vote/7/",
        "/sets-cookie/",
        "/private-message/",
    ],
)
def test_never_cached(site, path):
    (_, body1), (second, body2) = twice(site, path)
    assert body1 != body2
    assert second.getheader("X-Micro-Cache") != "HIT"


def test_posts_always_reach_the_app(site):
    (_, body1), (_, body2) = twice(site, "/api/v1/campaigns/1/votes", method="POST", body=b"{}")
    assert body1 != body2
    (_, body1), (_, body2) = twice(site, "/news/", method="POST", body=b"x=1")
    assert body1 != body2


def test_static_files_and_public_images_come_from_disk(site):
    response, body = fetch(site, "/static/css/site.css")
    assert (response.status, body) == (200, b"body{}")
    assert "max-age=2592000" in response.getheader("Cache-Control")
    response, body = fetch(site, "/media/images/photo.jpg")
    assert (response.status, body) == (200, b"public image")


def test_documents_and_private_files_are_not_reachable_directly(site):
    assert fetch(site, "/media/documents/report.pdf")[0].status == 404
    assert fetch(site, "/_private/nominations/photo.jpg")[0].status == 404
    assert fetch(site, "/media/../private_media/nominations/photo.jpg")[1] != b"private photo"


def test_private_file_is_sent_after_the_app_allows_it(site):
    response, body = fetch(site, "/evaluation/files/nomination/1/photo/")
    assert (response.status, body) == (200, b"private photo")
    assert response.getheader("Cache-Control") == "private, no-store"
