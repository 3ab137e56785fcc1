"""An Elasticsearch node that answers from memory and records every request.

Plugged into the real client through `OPTIONS["node_class"]`, so everything
above the HTTP layer (the elasticsearch client, Wagtail's backend, our
mapping and query compiler) runs as in production; the test reads back the
exact JSON the backend sent.
"""

import json

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse


class FakeNode(BaseNode):
    """Subclass per test (see `fake_node_class`): requests and hits are class attributes."""

    requests = None
    hits = None  # page ids the next searches answer with

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path, _, query = target.partition("?")
        sent = json.loads(body) if body and not path.endswith("/_bulk") else None
        if body and path.endswith("/_bulk"):
            sent = [json.loads(line) for line in body.decode().splitlines() if line]
        self.requests.append({"method": method, "path": path, "query": query, "body": sent})
        status, answer = self.answer(method, path, sent)
        meta = ApiResponseMeta(
            status=status,
            http_version="1.1",
            headers=HttpHeaders({"content-type": "application/json", "x-elastic-product": "Elasticsearch"}),
            duration=0.0,
            node=self.config,
        )
        return NodeApiResponse(meta, json.dumps(answer).encode())

    def answer(self, method, path, sent):
        if path.endswith("/_count"):
            return 200, {"count": len(self.hits)}
        if path.endswith("/_search"):
            hits = [{"_id": str(pk), "_score": 1.0, "fields": {"pk": [str(pk)]}} for pk in self.hits]
            return 200, {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits}}
        if path.endswith("/_bulk"):
            return 200, {"took": 1, "errors": False, "items": []}
        if method in ("HEAD", "GET") and "/_alias" in path:
            return 404, {"error": "alias missing", "status": 404}  # the first rebuild: no alias yet
        if method == "DELETE":
            return 404, {"error": {"type": "index_not_found_exception"}, "status": 404}
        return 200, {"acknowledged": True, "result": "created", "_id": "1"}


def fake_node_class():
    return type("TestNode", (FakeNode,), {"requests": [], "hits": []})


def backend_settings(node_class, **extra):
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch8",
            "URLS": ["http://elasticsearch.invalid:9200"],
            "INDEX_PREFIX": "test_",
            "TIMEOUT": 5,
            "OPTIONS": {"node_class": node_class},
            **extra,
        }
    }
