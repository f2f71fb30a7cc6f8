#!/usr/bin/env python3
"""A merchant integration against douyin-sandbox, with Python's standard library only.

Creates its own tenant, receives webhooks and SPI calls on a small HTTP server of its own (checking
X-Douyin-Signature and x-life-sign), and runs a combo pack (组合券包) from save to refund, then a 三方码
purchase whose codes it issues through the SPI. Prints each step; exits 1 on the first failure.

    DOUYIN_BASE_URL   the sandbox (default http://127.0.0.1:8787)
    RECEIVER_BIND     host:port this program listens on for webhooks and SPI calls (default 127.0.0.1:0)
    RECEIVER_URL      the URL the sandbox reaches that server at (default http://<RECEIVER_BIND>)
    SANDBOX_CONTROL_TOKEN  bearer token of the control plane, when the sandbox was started with --control-token
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BASE = os.environ.get("DOUYIN_BASE_URL", "http://127.0.0.1:8787").rstrip("/")
CONTROL_TOKEN = os.environ.get("SANDBOX_CONTROL_TOKEN", "")


class Failure(Exception):
    pass


def step(msg):
    print(msg, flush=True)


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# ---- the two signatures, written from the platform's rules -------------------------------------------------


def webhook_signature(client_secret, raw_body):
    """X-Douyin-Signature: lowercase hex SHA-1 of client_secret followed by the raw body."""
    return hashlib.sha1(client_secret.encode() + raw_body).hexdigest()


def spi_signature(client_secret, query, raw_body):
    """x-life-sign: lowercase hex SHA-256 of `secret&k1=v1&k2=v2…&http_body=<raw body>`, query sorted by key, `sign` left out."""
    params = [f"{k}={v}" for k, v in sorted(query.items()) if k != "sign"]
    text = "&".join([client_secret, *params]).encode() + b"&http_body=" + raw_body
    return hashlib.sha256(text).hexdigest()


def same(expected, got):
    return got is not None and hmac.compare_digest(expected, got.lower())


# ---- HTTP to the sandbox ---------------------------------------------------------------------------------


class Sandbox:
    def __init__(self):
        self.client_key = None  # the tenant of control-plane calls
        self.token = None

    def call(self, method, path, body=None, platform=True, want_ok=True):
        """One request; answers `data` (ints stay exact: Python's json reads any integer exactly)."""
        headers = {"content-type": "application/json"}
        if platform and self.token:
            headers["access-token"] = self.token
        if not platform:
            if self.client_key:
                headers["x-sandbox-client-key"] = self.client_key
            if CONTROL_TOKEN:
                headers["authorization"] = f"Bearer {CONTROL_TOKEN}"
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        if data is None and method != "GET":
            data = b""
        req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=30) as res:
                status, text = res.status, res.read()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read()
        except urllib.error.URLError as e:
            raise Failure(f"{method} {path}: no answer from {BASE} ({e.reason})")
        try:
            answer = json.loads(text)
        except ValueError:
            raise Failure(f"{method} {path}: HTTP {status}, not JSON: {text[:200]!r}")
        d = answer.get("data") if isinstance(answer, dict) else None
        check(isinstance(d, dict), f"{method} {path}: HTTP {status}, no data object: {text[:300]!r}")
        code = d.get("error_code")
        check(isinstance(code, int), f"{method} {path}: error_code is not an integer: {code!r}")
        if want_ok:
            # the detail naming the field is in extra.sub_description, a specific code in extra.sub_error_code
            extra = answer.get("extra") or {}
            check(status == 200 and code == 0, f"{method} {path}: HTTP {status}, error_code {code}: {d.get('description')}: "
                  f"{extra.get('sub_description')} (sub_error_code {extra.get('sub_error_code')})")
        return d


# ---- the merchant's own server: webhooks and SPI ---------------------------------------------------------


class Receiver:
    def __init__(self, secret_of):
        self.secret_of = secret_of  # () -> the tenant's client_secret
        self.arrivals = []  # {"kind", "event", "content", "query", "body", "ok"}
        self.cond = threading.Condition()
        self.issued = {}  # order_id -> codes answered by issue_code
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                url = urllib.parse.urlsplit(self.path)
                status, reply = receiver.handle(url.path, dict(urllib.parse.parse_qsl(url.query)), self.headers, raw)
                out = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        host, _, port = os.environ.get("RECEIVER_BIND", "127.0.0.1:0").rpartition(":")
        self.server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), Handler)
        self.server.daemon_threads = True
        self.bound = "%s:%d" % self.server.server_address[:2]
        self.url = os.environ.get("RECEIVER_URL", f"http://{self.bound}").rstrip("/")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def handle(self, path, query, headers, raw):
        secret = self.secret_of()
        if path == "/douyin/webhook":
            ok = same(webhook_signature(secret, raw), headers.get("x-douyin-signature"))
            msg = json.loads(raw)
            content = msg.get("content")
            # life events carry content as a JSON string; the challenge carries an object
            content = json.loads(content) if isinstance(content, str) else content
            self.record({"kind": "webhook", "event": msg.get("event"), "content": content, "ok": ok,
                         "raw": raw, "sign": headers.get("x-douyin-signature")})
            if not ok:
                print(f"rejected {msg.get('event')}: wrong X-Douyin-Signature", file=sys.stderr, flush=True)
                return 401, {"data": {"error_code": 401, "description": "bad X-Douyin-Signature"}}
            if msg.get("event") == "verify_webhook":
                return 200, {"challenge": content["challenge"]}
            return 200, {"data": {"error_code": 0, "description": ""}}
        if path.startswith("/spi/"):
            name = path[len("/spi/"):]
            ok = same(spi_signature(secret, query, raw), headers.get("x-life-sign"))
            body = json.loads(raw)
            if not ok:
                print(f"rejected {name}: wrong x-life-sign", file=sys.stderr, flush=True)
                answer = {"error_code": 20, "description": "bad x-life-sign"}
            elif name == "issue_code":
                codes = [f"PY{body['order_id'][-8:]}{i}" for i, _ in enumerate(body["certificates"])]
                self.issued[body["order_id"]] = codes  # before the arrival is seen: waiters read it
                answer = {"error_code": 0, "description": "", "result": 1, "codes": codes,
                          "third_order_id": f"py-{body['order_id']}"}
            else:
                answer = {"error_code": 0, "description": ""}
            self.record({"kind": "spi", "event": name, "content": body, "query": query, "ok": ok,
                         "raw": raw, "sign": headers.get("x-life-sign")})
            return 200, {"data": answer}
        return 404, {"data": {"error_code": 404, "description": f"no route {path}"}}

    def record(self, arrival):
        with self.cond:
            self.arrivals.append(arrival)
            self.cond.notify_all()

    def wait_for(self, kind, event, pred=lambda c: True, count=1, timeout=20.0):
        """The first `count` arrivals of that kind and event whose content matches; fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                bad = [a for a in self.arrivals if not a["ok"]]
                check(not bad, f"a {bad[0]['kind'] if bad else ''} call with a wrong signature arrived: {bad[:1]}")
                hits = [a for a in self.arrivals if a["kind"] == kind and a["event"] == event and pred(a["content"])]
                if len(hits) >= count:
                    return hits[:count]
                left = deadline - time.monotonic()
                check(left > 0, f"no {kind} {event} within {timeout} s (got {len(hits)} of {count})")
                self.cond.wait(left)


# ---- the flow ----------------------------------------------------------------------------------------------


def is_amount(x):
    return isinstance(x, int) and not isinstance(x, bool)


def main():
    sb = Sandbox()
    step(f"sandbox {BASE}")
    tenant = sb.call("POST", "/sandbox/tenants", {}, platform=False)
    sb.client_key = tenant["client_key"]
    step(f"tenant {tenant['client_key']} created (account_id {tenant['account_id']}, poi {tenant['poi_ids'][0]})")

    rx = Receiver(lambda: tenant["client_secret"])
    step(f"receiver listening on {rx.bound}, reached at {rx.url}")
    sb.call("PUT", "/sandbox/webhooks", {"url": f"{rx.url}/douyin/webhook"}, platform=False)
    rx.wait_for("webhook", "verify_webhook")
    step("webhook URL registered: the verify_webhook challenge was signed and answered")
    sb.call("PUT", "/sandbox/spi", {"pre_create_order": f"{rx.url}/spi/pre_create_order",
                                    "issue_code": f"{rx.url}/spi/issue_code"}, platform=False)
    step("SPI URLs registered (pre_create_order, issue_code)")

    tok = sb.call("POST", "/oauth/client_token/", {"client_key": tenant["client_key"],
                                                    "client_secret": tenant["client_secret"],
                                                    "grant_type": "client_credential"})
    sb.token = tok["access_token"]
    check(is_amount(tok["expires_in"]), "expires_in is an integer")
    step(f"client_token {sb.token[:12]}… expires in {tok['expires_in']} s")

    # a combo pack from the sandbox's example, changed to ask the merchant before a refund
    body = sb.call("GET", "/sandbox/examples/product_save?kind=combo_pack&refund_mode=1", platform=False)["body"]
    body["product"]["attr_key_value_map"]["refund_need_merchant_confirm"] = "true"
    rule = json.loads(body["product"]["attr_key_value_map"]["combination_rule"])
    price = body["sku"]["actual_amount"]
    check(is_amount(price), "sku.actual_amount is an integer")
    step(f"combo pack body: {len(rule['items'])} sub-items, price {price} fen, refunds need the merchant's confirmation")
    saved = sb.call("POST", "/goodlife/v1/goods/product/save/", body)
    pid = saved["product_id"]
    check(pid.isdigit(), f"product_id is a digit string: {pid!r}")
    step(f"product saved: product_id {pid} with {len(saved['sub_products'])} sub-products")
    audit = sb.call("POST", f"/sandbox/products/{pid}/audit", {"result": "PASS"}, platform=False)
    check(audit["online_status"] == 1, f"online after the audit: {audit}")
    hook = rx.wait_for("webhook", "life_product_audit", lambda c: c["product_id"] == pid)[0]
    step(f"audit passed, product online; webhook life_product_audit {hook['content']['status']}, signature ok")

    # ids the platform sends as JSON numbers (19 digits, beyond a double's 53 bits) must come out exact
    drafts = sb.call("GET", f"/goodlife/v1/goods/product/draft/get/?product_ids={pid}&account_id={tenant['account_id']}")
    product = drafts["product_drafts"][0]["product"]
    poi_id, creator = product["pois"][0]["poi_id"], product["creator_account_id"]
    check(isinstance(poi_id, int) and isinstance(creator, int), "poi_id and creator_account_id arrive as JSON numbers")
    check(str(poi_id) == tenant["poi_ids"][0], f"poi_id {poi_id} lost digits (expected {tenant['poi_ids'][0]})")
    check(str(creator) == tenant["account_id"], f"creator_account_id {creator} lost digits")
    step(f"draft/get: poi_id {poi_id} and creator_account_id {creator} decoded exactly "
         f"(a double would read {int(float(poi_id))})")

    # a consumer buys the pack
    bought = sb.call("POST", "/sandbox/orders", {"product_id": pid}, platform=False)
    order, certs = bought["order"], bought["certificates"]
    oid = order["order_id"]
    check(all(is_amount(order[k]) for k in ("pay_amount", "original_amount", "discount_amount")), "order amounts are integers")
    check(order["pay_amount"] == price, f"pay_amount {order['pay_amount']} is the price {price}")
    step(f"purchase: order {oid}, pay_amount {order['pay_amount']} fen (an integer), {len(certs)} coupons")
    hook = rx.wait_for("webhook", "life_trade_order_notify", lambda c: c["order"]["order_id"] == oid)[0]
    check(hook["content"]["order"]["pay_amount"] == price, "the webhook's pay_amount")
    step("webhook life_trade_order_notify pay_success, signature ok")

    # at the till: prepare, verify, cancel within the hour
    prep = sb.call("GET", f"/goodlife/v1/fulfilment/certificate/prepare/?code={certs[0]['code']}")
    enc = prep["certificates"][0]["encrypted_code"]
    check(is_amount(prep["certificates"][0]["amount"]["pay_amount"]), "coupon pay_amount is an integer")
    step(f"prepare: verify_token {prep['verify_token']}, {len(prep['certificates'])} coupons usable")
    verified = sb.call("POST", "/goodlife/v1/fulfilment/certificate/verify/",
                       {"verify_token": prep["verify_token"], "poi_id": tenant["poi_ids"][0], "encrypted_codes": [enc]})
    res = verified["verify_results"][0]
    check(res["result"] == 0, f"verify result {res['result']}: {res.get('msg')}")
    step(f"verify: certificate {res['certificate_id']}, verify_id {res['verify_id']}")
    rx.wait_for("webhook", "life_trade_certificate_notify",
                lambda c: c["action"] == "verify" and c["certificate"]["certificate_id"] == res["certificate_id"])
    sb.call("POST", "/goodlife/v1/fulfilment/certificate/cancel/",
            {"verify_id": res["verify_id"], "certificate_id": res["certificate_id"]})
    status = sb.call("GET", "/goodlife/v1/fulfilment/certificate/get/?encrypted_code="
                     + urllib.parse.quote(enc, safe=""))["certificate"]["status"]
    check(status == 1, f"certificate status {status} after the cancel (1 = usable)")
    step(f"cancel within the hour: certificate {res['certificate_id']} usable again (status {status})")

    # the user asks for a refund; the merchant approves it on the audit webhook
    refund = sb.call("POST", "/sandbox/refunds", {"order_id": oid, "by": "user"}, platform=False)["after_sale"]
    check(refund["status"] == 1, f"after-sale status {refund['status']} (1 = waiting for the merchant)")
    check(is_amount(refund["refund_amount"]) and refund["refund_amount"] == price, "refund_amount is the whole price")
    step(f"user refund: after_sale {refund['after_sale_id']}, {refund['refund_amount']} fen, waiting for the merchant")
    rx.wait_for("webhook", "life_hermes_akte_after_sale_audit", lambda c: c["order_id"] == oid)
    decided = sb.call("POST", "/goodlife/v1/akte/after_sale/order/audit/", {"order_id": oid, "audit_status": True})
    check(decided["status"] == 2, f"after-sale status {decided['status']} after approval (2 = refunded)")
    rx.wait_for("webhook", "life_trade_certificate_notify",
                lambda c: c["action"] == "refund_success" and c["certificate"]["order_id"] == oid, count=len(certs))
    step(f"merchant approved on the audit webhook: refunded, {len(certs)} refund_success webhooks, signatures ok")

    # 三方码: the platform asks the merchant before the purchase and has it issue the codes
    body = sb.call("GET", "/sandbox/examples/product_save?kind=third_party_code", platform=False)["body"]
    tp = sb.call("POST", "/goodlife/v1/goods/product/save/", body)["product_id"]
    sb.call("POST", f"/sandbox/products/{tp}/audit", {"result": "PASS"}, platform=False)
    bought = sb.call("POST", "/sandbox/orders", {"product_id": tp}, platform=False)
    oid = bought["order"]["order_id"]
    pre = rx.wait_for("spi", "pre_create_order", lambda c: c["order_id"] == oid)[0]
    check(pre["query"]["client_key"] == tenant["client_key"], "the SPI query names the tenant")
    step(f"三方码 purchase: order {oid}; SPI pre_create_order x-life-sign ok (timestamp {pre['query']['timestamp']})")
    rx.wait_for("spi", "issue_code", lambda c: c["order_id"] == oid)
    codes = rx.issued[oid]
    step(f"SPI issue_code x-life-sign ok; answered codes {', '.join(codes)}")
    wait_issued(sb, oid)
    v = sb.call("POST", "/goodlife/v1/fulfilment/certificate/verify/",
                {"poi_id": tenant["poi_ids"][0], "order_id": oid, "codes": codes})
    check(all(r["result"] == 0 for r in v["verify_results"]), f"三方码 verify: {v['verify_results']}")
    step(f"verify of the merchant's own code {codes[0]}: ok")

    # the checks themselves: the documented example, and a changed byte of a real call must fail them
    check(spi_signature("yyyyyy", {"timestamp": "1624293280123", "client_key": "xxxxxx", "sign": "s"}, b"zzzzzz")
          == hashlib.sha256(b"yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz").hexdigest(),
          "x-life-sign of the platform's documented example")
    secret = tenant["client_secret"]
    check(same(webhook_signature(secret, hook["raw"]), hook["sign"]), "the order webhook's signature")
    check(not same(webhook_signature(secret, hook["raw"] + b" "), hook["sign"]), "a changed webhook body fails")
    changed = dict(pre["query"], timestamp=pre["query"]["timestamp"] + "1")
    check(not same(spi_signature(secret, changed, pre["raw"]), pre["sign"]), "a changed SPI query fails")
    step(f"{len(rx.arrivals)} signed calls received, every signature checked; a changed body or query fails the check")
    sb.call("DELETE", f"/sandbox/tenants/{tenant['client_key']}", platform=False)
    step("OK python: every step passed")


def wait_issued(sb, order_id, timeout=20.0):
    """Until the sandbox has taken the codes of the issue_code answer (its delivery log says delivered)."""
    deadline = time.monotonic() + timeout
    while True:
        log = sb.call("GET", "/sandbox/webhooks/deliveries?event=spi.issue_code", platform=False)["deliveries"]
        if any(d["entity_id"] == order_id and d["outcome"] == "delivered" for d in log):
            return
        check(time.monotonic() < deadline, f"the issue_code answer for {order_id} was not taken within {timeout} s")
        time.sleep(0.05)


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"FAILED: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
