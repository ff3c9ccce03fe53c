"""Upload by URL goes through one guarded fetcher: no loopback, private, link-local or other
non-public address is ever connected to (after every redirect too), the connection goes to the
address that was checked, and every failure reads the same."""

import http.server
import threading
import time

import pytest

from coverage_app.ingest import fetch, pipeline
from coverage_app.models import Article

UPLOAD = "/articles/upload/"
PAGE = (
    b"<html><head><title>Ferry timetable changes</title></head><body><article><p>"
    + b"The island ferry will leave an hour earlier from Monday, the operator said. " * 8
    + b"</p></article></body></html>"
)

pytestmark = pytest.mark.django_db


class _Site(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []
    redirect_to = ""

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", type(self).redirect_to)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    _Site.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port():
    """A loopback port nothing listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def uploader(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="fetcher"))
    return client


def error_of(response) -> str:
    page = response.content.decode()
    start = page.index('role="alert"')
    return page[start : page.index("</div>", start)]


def test_a_loopback_page_is_never_requested_and_nothing_is_stored(uploader, site):
    response = uploader.post(UPLOAD, {"fetch_url": f"http://127.0.0.1:{site}/article"})
    assert response.status_code == 400
    assert "could not be fetched" in response.content.decode()
    assert _Site.hits == []  # refused before connecting
    assert not Article.objects.exists()


def test_an_open_and_a_closed_local_port_answer_alike(uploader, site, closed_port):
    """No port scanner: the person cannot tell a listening port from a closed one."""
    open_answer = uploader.post(UPLOAD, {"fetch_url": f"http://127.0.0.1:{site}/"})
    closed_answer = uploader.post(UPLOAD, {"fetch_url": f"http://127.0.0.1:{closed_port}/"})
    normalise = lambda r, port: error_of(r).replace(str(port), "PORT")  # noqa: E731
    assert normalise(open_answer, site) == normalise(closed_answer, closed_port)
    assert open_answer.status_code == closed_answer.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/",
        "http://10.1.2.3/",
        "http://172.16.0.9/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://2130706433/",  # 127.0.0.1 written as a number
        "ftp://example.com/file.txt",
        "file:///etc/passwd",
    ],
)
def test_non_public_addresses_and_other_schemes_are_refused_before_connecting(url):
    started = time.monotonic()
    with pytest.raises(fetch.FetchFailed) as refused:
        fetch.fetch(url, max_bytes=1000, timeout=5)
    assert time.monotonic() - started < 1  # no connection attempt waited for a timeout
    assert str(refused.value) == f"{url}: {fetch.PLAIN_MESSAGE}"


def test_link_local_and_metadata_addresses_stay_refused_when_private_ones_are_allowed():
    for address in ("169.254.169.254", "fe80::1", "224.0.0.1", "0.0.0.0"):
        assert not fetch.address_allowed(address, allow_private=True), address
    assert fetch.address_allowed("10.0.0.8", allow_private=True)
    assert not fetch.address_allowed("10.0.0.8")
    assert fetch.address_allowed("93.184.215.14")


def test_a_redirect_to_a_non_public_address_is_refused(site):
    _Site.redirect_to = "http://169.254.169.254/latest/meta-data/"
    started = time.monotonic()
    with pytest.raises(fetch.FetchFailed):
        fetch.fetch(
            f"http://127.0.0.1:{site}/redirect", max_bytes=10_000, timeout=5, allow_private=True
        )
    assert time.monotonic() - started < 1
    assert _Site.hits == ["/redirect"]


def test_a_redirect_to_another_scheme_is_refused(site):
    _Site.redirect_to = "file:///etc/passwd"
    with pytest.raises(fetch.FetchFailed):
        fetch.fetch(
            f"http://127.0.0.1:{site}/redirect", max_bytes=10_000, timeout=5, allow_private=True
        )


def test_the_connection_goes_to_the_checked_address_not_a_second_dns_answer(site):
    """A name that answers a safe address for the check and loopback for the connection
    (DNS rebinding) is looked up once per hop, and the connection uses the checked answer."""
    answers = []

    def rebinding_resolver(host, port):
        answers.append(host)
        return ["127.0.0.1"] if len(answers) == 1 else ["169.254.169.254"]

    page = fetch.fetch(
        f"http://news.invalid:{site}/story",
        max_bytes=10_000,
        timeout=5,
        allow_private=True,
        resolver=rebinding_resolver,
    )
    assert page.data == PAGE
    assert answers == ["news.invalid"]  # one lookup: the connection did not ask again
    assert _Site.hits == ["/story"]


def test_a_page_over_the_size_cap_is_refused_by_size(site):
    with pytest.raises(fetch.TooLarge):
        fetch.fetch(f"http://127.0.0.1:{site}/", max_bytes=100, timeout=5, allow_private=True)


def test_an_intranet_deployment_can_allow_private_addresses(uploader, site, settings):
    settings.PARALLAX_FETCH_ALLOW_PRIVATE = True
    response = uploader.post(UPLOAD, {"fetch_url": f"http://127.0.0.1:{site}/ferry"})
    assert response.status_code == 302
    assert pipeline.extract_article(Article.objects.get()).title == "Ferry timetable changes"


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:8",  # NAT64 of 10.0.0.8
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    ],
)
def test_ipv6_forms_carrying_a_private_ipv4_address_are_refused(address):
    assert not fetch.address_allowed(address)
    with pytest.raises(fetch.FetchFailed):
        fetch.fetch(f"http://[{address}]/", max_bytes=1000, timeout=2)


def test_ipv6_forms_carrying_a_public_ipv4_address_are_judged_by_it():
    assert fetch.address_allowed("2002:5db8:d70e::1")  # 6to4 of 93.184.215.14
    assert fetch.address_allowed("64:ff9b::5db8:d70e")


@pytest.fixture
def dribbling_site():
    """A server that sends its status line, then one header line every 0.3 s for 6 s."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 200 OK\r\n")
                    for n in range(20):
                        if stop.wait(0.3):
                            break
                        conn.sendall(f"X-Slow-{n}: yes\r\n".encode())
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


def test_the_time_limit_is_a_total_deadline_not_a_timeout_per_read(dribbling_site):
    started = time.monotonic()
    with pytest.raises(fetch.FetchFailed):
        fetch.fetch(
            f"http://127.0.0.1:{dribbling_site}/", max_bytes=10_000, timeout=1, allow_private=True
        )
    assert time.monotonic() - started < 2
