// A merchant integration against douyin-sandbox, with Go's standard library only.
//
// Creates its own tenant, receives webhooks and SPI calls on a small HTTP server of its own (checking
// X-Douyin-Signature and x-life-sign), and runs a combo pack (组合券包) from save to refund, then a 三方码
// purchase whose codes it issues through the SPI. Prints each step; exits 1 on the first failure.
//
//	DOUYIN_BASE_URL        the sandbox (default http://127.0.0.1:8787)
//	RECEIVER_BIND          host:port this program listens on for webhooks and SPI calls (default 127.0.0.1:0)
//	RECEIVER_URL           the URL the sandbox reaches that server at (default http://<RECEIVER_BIND>)
//	SANDBOX_CONTROL_TOKEN  bearer token of the control plane, when the sandbox was started with --control-token
package main

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

var (
	base         = strings.TrimRight(env("DOUYIN_BASE_URL", "http://127.0.0.1:8787"), "/")
	controlToken = os.Getenv("SANDBOX_CONTROL_TOKEN")
)

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// failure ends the run: main recovers it, prints it and exits 1.
type failure struct{ msg string }

func fail(format string, args ...interface{}) { panic(failure{fmt.Sprintf(format, args...)}) }

func check(cond bool, format string, args ...interface{}) {
	if !cond {
		fail(format, args...)
	}
}

func step(format string, args ...interface{}) { fmt.Printf(format+"\n", args...) }

// ---- the two signatures, written from the platform's rules ----

// webhookSignature is X-Douyin-Signature: lowercase hex SHA-1 of client_secret followed by the raw body.
func webhookSignature(secret string, raw []byte) string {
	h := sha1.New()
	h.Write([]byte(secret))
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

// spiSignature is x-life-sign: lowercase hex SHA-256 of `secret&k1=v1&k2=v2…&http_body=<raw body>`, the query
// sorted by key, `sign` left out.
func spiSignature(secret string, query map[string]string, raw []byte) string {
	keys := make([]string, 0, len(query))
	for k := range query {
		if k != "sign" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := []string{secret}
	for _, k := range keys {
		parts = append(parts, k+"="+query[k])
	}
	h := sha256.New()
	h.Write([]byte(strings.Join(parts, "&") + "&http_body="))
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

func same(expected, got string) bool {
	return subtle.ConstantTimeCompare([]byte(expected), []byte(strings.ToLower(got))) == 1
}

// ---- JSON with exact numbers: every number stays a json.Number (its digits), never a float64 ----

func decode(raw []byte) (interface{}, error) {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v interface{}
	err := d.Decode(&v)
	return v, err
}

// at walks objects by key and arrays by index: at(v, "order", "certificates", 0, "code").
func at(v interface{}, path ...interface{}) interface{} {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]interface{})
			check(ok, "expected an object holding %q", k)
			v = m[k]
		case int:
			a, ok := v.([]interface{})
			check(ok && k < len(a), "expected an array of more than %d items", k)
			v = a[k]
		}
	}
	return v
}

func str(v interface{}, path ...interface{}) string {
	s, ok := at(v, path...).(string)
	check(ok, "%v: expected a string, got %v", path, at(v, path...))
	return s
}

// integer reads a JSON integer exactly (a 19-digit id included); fails on a fraction or an exponent.
func integer(v interface{}, path ...interface{}) int64 {
	n, ok := at(v, path...).(json.Number)
	check(ok, "%v: expected a JSON number, got %#v", path, at(v, path...))
	i, err := strconv.ParseInt(string(n), 10, 64)
	check(err == nil, "%v: %s is not an exact 64-bit integer", path, n)
	return i
}

func length(v interface{}, path ...interface{}) int {
	a, ok := at(v, path...).([]interface{})
	check(ok, "%v: expected an array", path)
	return len(a)
}

// ---- HTTP to the sandbox ----

type sandbox struct {
	clientKey string // the tenant of control-plane calls
	token     string
	http      *http.Client
}

// call sends one request and answers `data`; fails unless the answer is HTTP 200 with error_code 0.
func (s *sandbox) call(method, path string, body interface{}, platform bool) interface{} {
	var payload io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		check(err == nil, "encode %s: %v", path, err)
		payload = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, payload)
	check(err == nil, "%s %s: %v", method, path, err)
	req.Header.Set("content-type", "application/json")
	if platform && s.token != "" {
		req.Header.Set("access-token", s.token)
	}
	if !platform {
		if s.clientKey != "" {
			req.Header.Set("x-sandbox-client-key", s.clientKey)
		}
		if controlToken != "" {
			req.Header.Set("authorization", "Bearer "+controlToken)
		}
	}
	res, err := s.http.Do(req)
	check(err == nil, "%s %s: no answer from %s (%v)", method, path, base, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	check(err == nil, "%s %s: %v", method, path, err)
	answer, err := decode(raw)
	check(err == nil, "%s %s: HTTP %d, not JSON: %.200s", method, path, res.StatusCode, raw)
	data, ok := at(answer, "data").(map[string]interface{})
	check(ok, "%s %s: HTTP %d, no data object: %.300s", method, path, res.StatusCode, raw)
	code := integer(data, "error_code")
	// the detail naming the field is in extra.sub_description, a specific code in extra.sub_error_code
	envelope, _ := answer.(map[string]interface{})
	extra, _ := envelope["extra"].(map[string]interface{})
	check(res.StatusCode == 200 && code == 0, "%s %s: HTTP %d, error_code %d: %v: %v (sub_error_code %v)", method, path,
		res.StatusCode, code, data["description"], extra["sub_description"], extra["sub_error_code"])
	return data
}

// ---- the merchant's own server: webhooks and SPI ----

type arrival struct {
	kind, event string
	content     interface{}
	query       map[string]string
	raw         []byte
	sign        string
	ok          bool
}

type receiver struct {
	secret   string
	mu       sync.Mutex
	arrivals []arrival
	issued   map[string][]string // order_id -> codes answered by issue_code
	bound    string
	url      string
}

func startReceiver(secret string) *receiver {
	r := &receiver{secret: secret, issued: map[string][]string{}}
	ln, err := net.Listen("tcp", env("RECEIVER_BIND", "127.0.0.1:0"))
	check(err == nil, "receiver: %v", err)
	r.bound = ln.Addr().String()
	r.url = strings.TrimRight(env("RECEIVER_URL", "http://"+r.bound), "/")
	go func() { _ = http.Serve(ln, r) }()
	return r
}

func reply(w http.ResponseWriter, status int, v interface{}) {
	b, _ := json.Marshal(v)
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

type obj = map[string]interface{}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	raw, err := io.ReadAll(req.Body)
	if err != nil {
		reply(w, 400, obj{"data": obj{"error_code": 400, "description": err.Error()}})
		return
	}
	if req.URL.Path == "/douyin/webhook" {
		sign := req.Header.Get("X-Douyin-Signature")
		ok := same(webhookSignature(r.secret, raw), sign)
		msg, err := decode(raw)
		m, isObj := msg.(map[string]interface{})
		if err != nil || !isObj {
			reply(w, 400, obj{"data": obj{"error_code": 400, "description": "not a JSON object"}})
			return
		}
		event, _ := m["event"].(string)
		content := m["content"]
		if s, isStr := content.(string); isStr { // life events carry content as a JSON string
			content, _ = decode([]byte(s))
		}
		r.record(arrival{kind: "webhook", event: event, content: content, raw: raw, sign: sign, ok: ok})
		if !ok {
			fmt.Fprintf(os.Stderr, "rejected %s: wrong X-Douyin-Signature\n", event)
			reply(w, 401, obj{"data": obj{"error_code": 401, "description": "bad X-Douyin-Signature"}})
		} else if event == "verify_webhook" {
			reply(w, 200, obj{"challenge": at(content, "challenge")})
		} else {
			reply(w, 200, obj{"data": obj{"error_code": 0, "description": ""}})
		}
		return
	}
	if strings.HasPrefix(req.URL.Path, "/spi/") {
		name := strings.TrimPrefix(req.URL.Path, "/spi/")
		query := map[string]string{}
		for k, v := range req.URL.Query() {
			query[k] = v[0]
		}
		sign := req.Header.Get("x-life-sign")
		ok := same(spiSignature(r.secret, query, raw), sign)
		body, _ := decode(raw)
		answer := obj{"error_code": 0, "description": ""}
		if !ok {
			fmt.Fprintf(os.Stderr, "rejected %s: wrong x-life-sign\n", name)
			answer = obj{"error_code": 20, "description": "bad x-life-sign"}
		} else if name == "issue_code" {
			orderID, _ := at(body, "order_id").(string)
			certs, _ := at(body, "certificates").([]interface{})
			codes := []string{}
			for i := range certs {
				codes = append(codes, fmt.Sprintf("GO%s%d", orderID[len(orderID)-8:], i))
			}
			r.mu.Lock()
			r.issued[orderID] = codes // before the arrival is seen: waiters read it
			r.mu.Unlock()
			answer = obj{"error_code": 0, "description": "", "result": 1, "codes": codes, "third_order_id": "go-" + orderID}
		}
		r.record(arrival{kind: "spi", event: name, content: body, query: query, raw: raw, sign: sign, ok: ok})
		reply(w, 200, obj{"data": answer})
		return
	}
	reply(w, 404, obj{"data": obj{"error_code": 404, "description": "no route " + req.URL.Path}})
}

func (r *receiver) record(a arrival) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.arrivals = append(r.arrivals, a)
}

// waitFor answers the first `count` arrivals of that kind and event whose content matches, within 20 s.
func (r *receiver) waitFor(kind, event string, match func(c interface{}) bool, count int) []arrival {
	deadline := time.Now().Add(20 * time.Second)
	for {
		r.mu.Lock()
		var hits []arrival
		for _, a := range r.arrivals {
			check(a.ok, "a %s %s call with a wrong signature arrived", a.kind, a.event)
			if a.kind == kind && a.event == event && (match == nil || match(a.content)) {
				hits = append(hits, a)
			}
		}
		r.mu.Unlock()
		if len(hits) >= count {
			return hits[:count]
		}
		check(time.Now().Before(deadline), "no %s %s within 20 s (got %d of %d)", kind, event, len(hits), count)
		time.Sleep(20 * time.Millisecond)
	}
}

func (r *receiver) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.arrivals)
}

// ---- the flow ----

func run() {
	sb := &sandbox{http: &http.Client{Timeout: 30 * time.Second}}
	step("sandbox %s", base)
	tenant := sb.call("POST", "/sandbox/tenants", obj{}, false)
	sb.clientKey = str(tenant, "client_key")
	secret, account, poi := str(tenant, "client_secret"), str(tenant, "account_id"), str(tenant, "poi_ids", 0)
	step("tenant %s created (account_id %s, poi %s)", sb.clientKey, account, poi)

	rx := startReceiver(secret)
	step("receiver listening on %s, reached at %s", rx.bound, rx.url)
	sb.call("PUT", "/sandbox/webhooks", obj{"url": rx.url + "/douyin/webhook"}, false)
	rx.waitFor("webhook", "verify_webhook", nil, 1)
	step("webhook URL registered: the verify_webhook challenge was signed and answered")
	sb.call("PUT", "/sandbox/spi", obj{"pre_create_order": rx.url + "/spi/pre_create_order",
		"issue_code": rx.url + "/spi/issue_code"}, false)
	step("SPI URLs registered (pre_create_order, issue_code)")

	tok := sb.call("POST", "/oauth/client_token/", obj{"client_key": sb.clientKey, "client_secret": secret,
		"grant_type": "client_credential"}, true)
	sb.token = str(tok, "access_token")
	step("client_token %s… expires in %d s", sb.token[:12], integer(tok, "expires_in"))

	// a combo pack from the sandbox's example, changed to ask the merchant before a refund
	body := at(sb.call("GET", "/sandbox/examples/product_save?kind=combo_pack&refund_mode=1", nil, false), "body")
	at(body, "product", "attr_key_value_map").(map[string]interface{})["refund_need_merchant_confirm"] = "true"
	rule, err := decode([]byte(str(body, "product", "attr_key_value_map", "combination_rule")))
	check(err == nil, "combination_rule is JSON: %v", err)
	price := integer(body, "sku", "actual_amount")
	step("combo pack body: %d sub-items, price %d fen, refunds need the merchant's confirmation", length(rule, "items"), price)
	saved := sb.call("POST", "/goodlife/v1/goods/product/save/", body, true)
	pid := str(saved, "product_id")
	_, err = strconv.ParseUint(pid, 10, 64)
	check(err == nil, "product_id is a digit string: %q", pid)
	step("product saved: product_id %s with %d sub-products", pid, length(saved, "sub_products"))
	audit := sb.call("POST", "/sandbox/products/"+pid+"/audit", obj{"result": "PASS"}, false)
	check(integer(audit, "online_status") == 1, "online after the audit: %v", audit)
	hook := rx.waitFor("webhook", "life_product_audit", func(c interface{}) bool { return str(c, "product_id") == pid }, 1)[0]
	step("audit passed, product online; webhook life_product_audit %s, signature ok", str(hook.content, "status"))

	// ids the platform sends as JSON numbers (19 digits, beyond a double's 53 bits) must come out exact
	drafts := sb.call("GET", "/goodlife/v1/goods/product/draft/get/?product_ids="+pid+"&account_id="+account, nil, true)
	product := at(drafts, "product_drafts", 0, "product")
	poiID, creator := integer(product, "pois", 0, "poi_id"), integer(product, "creator_account_id")
	check(strconv.FormatInt(poiID, 10) == poi, "poi_id %d lost digits (expected %s)", poiID, poi)
	check(strconv.FormatInt(creator, 10) == account, "creator_account_id %d lost digits (expected %s)", creator, account)
	asDouble, _ := new(big.Float).SetFloat64(float64(poiID)).Int(nil)
	step("draft/get: poi_id %d and creator_account_id %d decoded exactly (a double would read %s)", poiID, creator, asDouble)

	// a consumer buys the pack
	bought := sb.call("POST", "/sandbox/orders", obj{"product_id": pid}, false)
	oid := str(bought, "order", "order_id")
	pay := integer(bought, "order", "pay_amount")
	integer(bought, "order", "original_amount")
	integer(bought, "order", "discount_amount")
	check(pay == price, "pay_amount %d is the price %d", pay, price)
	certs := length(bought, "certificates")
	step("purchase: order %s, pay_amount %d fen (an integer), %d coupons", oid, pay, certs)
	hook = rx.waitFor("webhook", "life_trade_order_notify", func(c interface{}) bool { return str(c, "order", "order_id") == oid }, 1)[0]
	check(integer(hook.content, "order", "pay_amount") == price, "the webhook's pay_amount")
	step("webhook life_trade_order_notify pay_success, signature ok")

	// at the till: prepare, verify, cancel within the hour
	prep := sb.call("GET", "/goodlife/v1/fulfilment/certificate/prepare/?code="+url.QueryEscape(str(bought, "certificates", 0, "code")), nil, true)
	enc := str(prep, "certificates", 0, "encrypted_code")
	integer(prep, "certificates", 0, "amount", "pay_amount")
	step("prepare: verify_token %s, %d coupons usable", str(prep, "verify_token"), length(prep, "certificates"))
	verified := sb.call("POST", "/goodlife/v1/fulfilment/certificate/verify/", obj{"verify_token": str(prep, "verify_token"),
		"poi_id": poi, "encrypted_codes": []string{enc}}, true)
	res := at(verified, "verify_results", 0)
	check(integer(res, "result") == 0, "verify result %v: %v", at(res, "result"), at(res, "msg"))
	certID, verifyID := str(res, "certificate_id"), str(res, "verify_id")
	step("verify: certificate %s, verify_id %s", certID, verifyID)
	rx.waitFor("webhook", "life_trade_certificate_notify", func(c interface{}) bool {
		return str(c, "action") == "verify" && str(c, "certificate", "certificate_id") == certID
	}, 1)
	sb.call("POST", "/goodlife/v1/fulfilment/certificate/cancel/", obj{"verify_id": verifyID, "certificate_id": certID}, true)
	got := sb.call("GET", "/goodlife/v1/fulfilment/certificate/get/?encrypted_code="+url.QueryEscape(enc), nil, true)
	status := integer(got, "certificate", "status")
	check(status == 1, "certificate status %d after the cancel (1 = usable)", status)
	step("cancel within the hour: certificate %s usable again (status %d)", certID, status)

	// the user asks for a refund; the merchant approves it on the audit webhook
	refund := at(sb.call("POST", "/sandbox/refunds", obj{"order_id": oid, "by": "user"}, false), "after_sale")
	check(integer(refund, "status") == 1, "after-sale status %v (1 = waiting for the merchant)", at(refund, "status"))
	check(integer(refund, "refund_amount") == price, "refund_amount is the whole price")
	step("user refund: after_sale %s, %d fen, waiting for the merchant", str(refund, "after_sale_id"), integer(refund, "refund_amount"))
	rx.waitFor("webhook", "life_hermes_akte_after_sale_audit", func(c interface{}) bool { return str(c, "order_id") == oid }, 1)
	decided := sb.call("POST", "/goodlife/v1/akte/after_sale/order/audit/", obj{"order_id": oid, "audit_status": true}, true)
	check(integer(decided, "status") == 2, "after-sale status %v after approval (2 = refunded)", at(decided, "status"))
	rx.waitFor("webhook", "life_trade_certificate_notify", func(c interface{}) bool {
		return str(c, "action") == "refund_success" && str(c, "certificate", "order_id") == oid
	}, certs)
	step("merchant approved on the audit webhook: refunded, %d refund_success webhooks, signatures ok", certs)

	// 三方码: the platform asks the merchant before the purchase and has it issue the codes
	body = at(sb.call("GET", "/sandbox/examples/product_save?kind=third_party_code", nil, false), "body")
	tp := str(sb.call("POST", "/goodlife/v1/goods/product/save/", body, true), "product_id")
	sb.call("POST", "/sandbox/products/"+tp+"/audit", obj{"result": "PASS"}, false)
	oid = str(sb.call("POST", "/sandbox/orders", obj{"product_id": tp}, false), "order", "order_id")
	pre := rx.waitFor("spi", "pre_create_order", func(c interface{}) bool { return str(c, "order_id") == oid }, 1)[0]
	check(pre.query["client_key"] == sb.clientKey, "the SPI query names the tenant")
	step("三方码 purchase: order %s; SPI pre_create_order x-life-sign ok (timestamp %s)", oid, pre.query["timestamp"])
	rx.waitFor("spi", "issue_code", func(c interface{}) bool { return str(c, "order_id") == oid }, 1)
	rx.mu.Lock()
	codes := rx.issued[oid]
	rx.mu.Unlock()
	step("SPI issue_code x-life-sign ok; answered codes %s", strings.Join(codes, ", "))
	waitIssued(sb, oid)
	v := sb.call("POST", "/goodlife/v1/fulfilment/certificate/verify/", obj{"poi_id": poi, "order_id": oid, "codes": codes}, true)
	for i := 0; i < length(v, "verify_results"); i++ {
		check(integer(v, "verify_results", i, "result") == 0, "三方码 verify: %v", at(v, "verify_results", i))
	}
	step("verify of the merchant's own code %s: ok", codes[0])

	// the checks themselves: the documented example, and a changed byte of a real call must fail them
	doc := sha256.Sum256([]byte("yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz"))
	check(spiSignature("yyyyyy", map[string]string{"timestamp": "1624293280123", "client_key": "xxxxxx", "sign": "s"},
		[]byte("zzzzzz")) == hex.EncodeToString(doc[:]), "x-life-sign of the platform's documented example")
	check(same(webhookSignature(secret, hook.raw), hook.sign), "the order webhook's signature")
	check(!same(webhookSignature(secret, append(append([]byte{}, hook.raw...), ' ')), hook.sign), "a changed webhook body fails")
	changed := map[string]string{}
	for k, val := range pre.query {
		changed[k] = val
	}
	changed["timestamp"] += "1"
	check(!same(spiSignature(secret, changed, pre.raw), pre.sign), "a changed SPI query fails")
	step("%d signed calls received, every signature checked; a changed body or query fails the check", rx.count())
	sb.call("DELETE", "/sandbox/tenants/"+sb.clientKey, nil, false)
	step("OK go: every step passed")
}

// waitIssued waits until the sandbox has taken the codes of the issue_code answer (its delivery log says delivered).
func waitIssued(sb *sandbox, orderID string) {
	deadline := time.Now().Add(20 * time.Second)
	for {
		log := sb.call("GET", "/sandbox/webhooks/deliveries?event=spi.issue_code", nil, false)
		for i := 0; i < length(log, "deliveries"); i++ {
			if str(log, "deliveries", i, "entity_id") == orderID && str(log, "deliveries", i, "outcome") == "delivered" {
				return
			}
		}
		check(time.Now().Before(deadline), "the issue_code answer for %s was not taken within 20 s", orderID)
		time.Sleep(50 * time.Millisecond)
	}
}

func main() {
	defer func() {
		if r := recover(); r != nil {
			if f, ok := r.(failure); ok {
				fmt.Fprintln(os.Stderr, "FAILED: "+f.msg)
				os.Exit(1)
			}
			panic(r)
		}
	}()
	run()
}
