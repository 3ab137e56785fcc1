"""`check_links` finds links on live pages to unpublished or deleted pages and URLs that fail."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from portal.groups import EDITORS
from portal.models import BrokenLink
from tests.factories.portal import ArticlePageFactory, DocumentFactory, TopicPageFactory


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path.startswith("/ok") or self.path == "/get-only":
            self.send_response(200)
        else:
            self.send_response(404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def link(page_id):
    return f'<a linktype="page" id="{page_id}">链接</a>'


@pytest.mark.django_db
def test_check_links_reports_broken_links_of_live_pages(client, channel, home, server, closed_port):
    live_target = ArticlePageFactory(parent=channel, title="已发布")
    draft_target = ArticlePageFactory(parent=channel, title="草稿", live=False)
    deleted_target = ArticlePageFactory(parent=channel, title="已删除")
    deleted_id = deleted_target.pk
    deleted_target.delete()
    document = DocumentFactory()
    gone_document = DocumentFactory()
    gone_document_id = gone_document.pk
    gone_document.delete()
    body = (
        f"<p>{link(live_target.pk)}{link(draft_target.pk)}{link(deleted_id)}</p>"
        f'<p><a href="{server}/ok">好</a><a href="{server}/missing">坏</a><a href="{server}/no-head">只接受GET</a>'
        f'<a href="http://127.0.0.1:{closed_port}/">连不上</a></p>'
        f'<p><a linktype="document" id="{document.pk}">附件</a>'
        f'<a linktype="document" id="{gone_document_id}">旧附件</a></p>'
    )
    page = ArticlePageFactory(parent=channel, title="有链接的文章", body=[("heading", "小标题"), ("paragraph", body)])
    topic = TopicPageFactory(
        parent=home, sections=[("section", {"title": "板块", "intro": "", "pages": [live_target, draft_target]})]
    )
    # Drafts are not public: their links are not checked.
    ArticlePageFactory(parent=channel, live=False, body=[("paragraph", f'<p><a href="{server}/missing">x</a></p>')])

    call_command("check_links", timeout=2, stdout=open("/dev/null", "w"))  # noqa: SIM115

    found = sorted((row.page_id, row.location, row.kind, row.target, row.reason) for row in BrokenLink.objects.all())
    assert [row[:4] for row in found] == sorted(
        [
            (page.pk, "正文 › 第2块（正文）", "page", str(draft_target.pk)),
            (page.pk, "正文 › 第2块（正文）", "page", str(deleted_id)),
            (page.pk, "正文 › 第2块（正文）", "external", f"{server}/missing"),
            (page.pk, "正文 › 第2块（正文）", "external", f"http://127.0.0.1:{closed_port}/"),
            (page.pk, "正文 › 第2块（正文）", "document", str(gone_document_id)),
            (topic.pk, "专题板块 › 第1块（专题板块） › 精选页面 › 第2项", "page", str(draft_target.pk)),
        ]
    )
    reasons = {row[3]: row[4] for row in found if row[0] == page.pk}
    assert reasons[str(draft_target.pk)] == "链接的页面未发布"
    assert reasons[str(deleted_id)] == "链接的页面已删除"
    assert reasons[f"{server}/missing"] == "HTTP 404"
    assert reasons[f"http://127.0.0.1:{closed_port}/"].startswith("无法访问")
    assert reasons[str(gone_document_id)] == "链接的附件已删除"

    editor = get_user_model().objects.create_user("editor", password="editor123456")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    text = client.get(reverse("portal_reports:broken_links")).content.decode()
    assert "失效链接" in text and "有链接的文章" in text and f"{server}/missing" in text and "链接的页面未发布" in text

    # Publishing the draft target and running again clears its rows.
    draft_target.save_revision().publish()
    call_command("check_links", timeout=2, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not BrokenLink.objects.filter(target=str(draft_target.pk)).exists()
    assert BrokenLink.objects.count() == 4
