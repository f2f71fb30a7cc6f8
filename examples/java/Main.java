/*
 * A merchant integration against douyin-sandbox, with Java 17's standard library only (java.net.http, the
 * JDK's com.sun.net.httpserver), run as one source file: `java Main.java`.
 *
 * Creates its own tenant, receives webhooks and SPI calls on a small HTTP server of its own (checking
 * X-Douyin-Signature and x-life-sign), and runs a combo pack (组合券包) from save to refund, then a 三方码
 * purchase whose codes it issues through the SPI. Prints each step; exits 1 on the first failure.
 *
 *   DOUYIN_BASE_URL        the sandbox (default http://127.0.0.1:8787)
 *   RECEIVER_BIND          host:port this program listens on for webhooks and SPI calls (default 127.0.0.1:0)
 *   RECEIVER_URL           the URL the sandbox reaches that server at (default http://<RECEIVER_BIND>)
 *   SANDBOX_CONTROL_TOKEN  bearer token of the control plane, when the sandbox was started with --control-token
 */
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

public class Main {
    static final String BASE = env("DOUYIN_BASE_URL", "http://127.0.0.1:8787").replaceAll("/+$", "");
    static final String CONTROL_TOKEN = env("SANDBOX_CONTROL_TOKEN", "");

    static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? def : v;
    }

    static final class Failure extends RuntimeException {
        Failure(String msg) { super(msg); }
    }

    static void check(boolean cond, String msg) {
        if (!cond) throw new Failure(msg);
    }

    static void step(String msg) {
        System.out.println(msg);
        System.out.flush();
    }

    // ---- the two signatures, written from the platform's rules ----

    static String hex(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] p : parts) md.update(p);
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) sb.append(String.format("%02x", b));
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** X-Douyin-Signature: lowercase hex SHA-1 of client_secret followed by the raw body. */
    static String webhookSignature(String secret, byte[] raw) {
        return hex("SHA-1", utf8(secret), raw);
    }

    /** x-life-sign: lowercase hex SHA-256 of `secret&k1=v1&k2=v2…&http_body=<raw body>`, query sorted by key, `sign` left out. */
    static String spiSignature(String secret, Map<String, String> query, byte[] raw) {
        StringBuilder s = new StringBuilder(secret);
        new TreeMap<>(query).forEach((k, v) -> {
            if (!k.equals("sign")) s.append('&').append(k).append('=').append(v);
        });
        s.append("&http_body=");
        return hex("SHA-256", utf8(s.toString()), raw);
    }

    static boolean same(String expected, String got) {
        return got != null && MessageDigest.isEqual(utf8(expected), utf8(got.toLowerCase()));
    }

    // ---- a small JSON reader and writer: integers stay BigInteger, so a 19-digit id keeps every digit ----

    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) throw j.error("trailing text");
            return v;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at " + i);
        }

        private void ws() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
        }

        private Object value() {
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') { i++; return m; }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    if (s.charAt(i++) != ':') throw error("':' expected");
                    m.put(k, value());
                    ws();
                    char d = s.charAt(i++);
                    if (d == '}') return m;
                    if (d != ',') throw error("',' or '}' expected");
                }
            }
            if (c == '[') {
                List<Object> a = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') { i++; return a; }
                while (true) {
                    a.add(value());
                    ws();
                    char d = s.charAt(i++);
                    if (d == ']') return a;
                    if (d != ',') throw error("',' or ']' expected");
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int from = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String n = s.substring(from, i);
            if (n.isEmpty()) throw error("unexpected character");
            return n.matches("-?\\d+") ? new BigInteger(n) : new BigDecimal(n);
        }

        private String string() {
            if (s.charAt(i++) != '"') throw error("string expected");
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);
                }
            }
        }

        static String write(Object v) {
            if (v == null) return "null";
            if (v instanceof String) return quote((String) v);
            if (v instanceof Number || v instanceof Boolean) return v.toString();
            StringBuilder b = new StringBuilder();
            if (v instanceof Map) {
                b.append('{');
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (b.length() > 1) b.append(',');
                    b.append(quote(e.getKey().toString())).append(':').append(write(e.getValue()));
                }
                return b.append('}').toString();
            }
            if (v instanceof List) {
                b.append('[');
                for (Object x : (List<?>) v) {
                    if (b.length() > 1) b.append(',');
                    b.append(write(x));
                }
                return b.append(']').toString();
            }
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }

        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            return b.append('"').toString();
        }
    }

    /** Walks objects by key and arrays by index: at(v, "order", "certificates", 0, "code"). */
    static Object at(Object v, Object... path) {
        for (Object p : path) {
            if (p instanceof String) {
                check(v instanceof Map, "expected an object holding \"" + p + "\", got " + v);
                v = ((Map<?, ?>) v).get(p);
            } else {
                int k = (Integer) p;
                check(v instanceof List && k < ((List<?>) v).size(), "expected an array of more than " + k + " items");
                v = ((List<?>) v).get(k);
            }
        }
        return v;
    }

    static String str(Object v, Object... path) {
        Object x = at(v, path);
        check(x instanceof String, List.of(path) + ": expected a string, got " + x);
        return (String) x;
    }

    /** A JSON integer, exactly (a 19-digit id included); fails on a fraction or beyond 64 bits. */
    static long integer(Object v, Object... path) {
        Object x = at(v, path);
        check(x instanceof BigInteger, List.of(path) + ": expected a JSON integer, got " + x);
        check(((BigInteger) x).bitLength() < 64, List.of(path) + ": " + x + " is beyond 64 bits");
        return ((BigInteger) x).longValueExact();
    }

    static int length(Object v, Object... path) {
        Object x = at(v, path);
        check(x instanceof List, List.of(path) + ": expected an array");
        return ((List<?>) x).size();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) m.put((String) kv[k], kv[k + 1]);
        return m;
    }

    // ---- HTTP to the sandbox ----

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static String clientKey = ""; // the tenant of control-plane calls
    static String token = "";

    /** One request; answers `data`; fails unless the answer is HTTP 200 with error_code 0. */
    static Object call(String method, String path, Object body, boolean platform) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(BASE + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (platform && !token.isEmpty()) req.header("access-token", token);
        if (!platform && !clientKey.isEmpty()) req.header("x-sandbox-client-key", clientKey);
        if (!platform && !CONTROL_TOKEN.isEmpty()) req.header("authorization", "Bearer " + CONTROL_TOKEN);
        HttpResponse<String> res;
        try {
            res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new Failure(method + " " + path + ": no answer from " + BASE + " (" + e + ")");
        }
        Object answer;
        try {
            answer = Json.parse(res.body());
        } catch (RuntimeException e) {
            throw new Failure(method + " " + path + ": HTTP " + res.statusCode() + ", not JSON: " + res.body());
        }
        Object data = at(answer, "data");
        check(data instanceof Map, method + " " + path + ": HTTP " + res.statusCode() + ", no data object: " + res.body());
        long code = integer(data, "error_code");
        // the detail naming the field is in extra.sub_description, a specific code in extra.sub_error_code
        Object extra = ((Map<?, ?>) answer).get("extra");
        Map<?, ?> ex = extra instanceof Map ? (Map<?, ?>) extra : Map.of();
        check(res.statusCode() == 200 && code == 0, method + " " + path + ": HTTP " + res.statusCode()
                + ", error_code " + code + ": " + at(data, "description")
                + ": " + ex.get("sub_description") + " (sub_error_code " + ex.get("sub_error_code") + ")");
        return data;
    }

    // ---- the merchant's own server: webhooks and SPI ----

    record Arrival(String kind, String event, Object content, Map<String, String> query, byte[] raw, String sign,
                   boolean ok) {}

    static final List<Arrival> arrivals = new ArrayList<>();
    static final Map<String, List<String>> issued = new HashMap<>(); // order_id -> codes answered by issue_code
    static String secret = "";

    static void reply(HttpExchange x, int status, Object body) throws IOException {
        byte[] out = utf8(Json.write(body));
        x.getResponseHeaders().set("content-type", "application/json");
        x.sendResponseHeaders(status, out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    static void record(Arrival a) {
        synchronized (arrivals) {
            arrivals.add(a);
            arrivals.notifyAll();
        }
    }

    static void handle(HttpExchange x) throws IOException {
        byte[] raw = x.getRequestBody().readAllBytes();
        String path = x.getRequestURI().getPath();
        if (path.equals("/douyin/webhook")) {
            String sign = x.getRequestHeaders().getFirst("X-Douyin-Signature");
            boolean ok = same(webhookSignature(secret, raw), sign);
            Object msg = Json.parse(new String(raw, StandardCharsets.UTF_8));
            String event = str(msg, "event");
            Object content = at(msg, "content");
            // life events carry content as a JSON string; the challenge carries an object
            if (content instanceof String) content = Json.parse((String) content);
            record(new Arrival("webhook", event, content, Map.of(), raw, sign, ok));
            if (!ok) {
                System.err.println("rejected " + event + ": wrong X-Douyin-Signature");
                reply(x, 401, obj("data", obj("error_code", 401, "description", "bad X-Douyin-Signature")));
            } else if (event.equals("verify_webhook")) {
                reply(x, 200, obj("challenge", at(content, "challenge")));
            } else {
                reply(x, 200, obj("data", obj("error_code", 0, "description", "")));
            }
            return;
        }
        if (path.startsWith("/spi/")) {
            String name = path.substring("/spi/".length());
            Map<String, String> query = new HashMap<>();
            String q = x.getRequestURI().getRawQuery();
            if (q != null) {
                for (String pair : q.split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            String sign = x.getRequestHeaders().getFirst("x-life-sign");
            boolean ok = same(spiSignature(secret, query, raw), sign);
            Object body = Json.parse(new String(raw, StandardCharsets.UTF_8));
            Map<String, Object> answer;
            if (!ok) {
                System.err.println("rejected " + name + ": wrong x-life-sign");
                answer = obj("error_code", 20, "description", "bad x-life-sign");
            } else if (name.equals("issue_code")) {
                String orderId = str(body, "order_id");
                List<String> codes = new ArrayList<>();
                for (int k = 0; k < length(body, "certificates"); k++)
                    codes.add("JV" + orderId.substring(orderId.length() - 8) + k);
                synchronized (issued) {
                    issued.put(orderId, codes); // before the arrival is seen: waiters read it
                }
                answer = obj("error_code", 0, "description", "", "result", 1, "codes", new ArrayList<Object>(codes),
                        "third_order_id", "java-" + orderId);
            } else {
                answer = obj("error_code", 0, "description", "");
            }
            record(new Arrival("spi", name, body, query, raw, sign, ok));
            reply(x, 200, obj("data", answer));
            return;
        }
        reply(x, 404, obj("data", obj("error_code", 404, "description", "no route " + path)));
    }

    /** The first `count` arrivals of that kind and event whose content matches, within 20 s. */
    static List<Arrival> waitFor(String kind, String event, Predicate<Object> match, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        synchronized (arrivals) {
            while (true) {
                List<Arrival> hits = new ArrayList<>();
                for (Arrival a : arrivals) {
                    check(a.ok(), "a " + a.kind() + " " + a.event() + " call with a wrong signature arrived");
                    if (a.kind().equals(kind) && a.event().equals(event) && match.test(a.content())) hits.add(a);
                }
                if (hits.size() >= count) return hits.subList(0, count);
                long left = deadline - System.nanoTime();
                check(left > 0, "no " + kind + " " + event + " within 20 s (got " + hits.size() + " of " + count + ")");
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    throw new Failure("interrupted");
                }
            }
        }
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    // ---- the flow ----

    @SuppressWarnings("unchecked")
    static void run() throws IOException {
        step("sandbox " + BASE);
        Object tenant = call("POST", "/sandbox/tenants", obj(), false);
        clientKey = str(tenant, "client_key");
        secret = str(tenant, "client_secret");
        String account = str(tenant, "account_id"), poi = str(tenant, "poi_ids", 0);
        step("tenant " + clientKey + " created (account_id " + account + ", poi " + poi + ")");

        String[] bind = env("RECEIVER_BIND", "127.0.0.1:0").split(":(?=[^:]*$)");
        HttpServer server = HttpServer.create(new InetSocketAddress(bind[0], Integer.parseInt(bind[1])), 0);
        server.createContext("/", x -> {
            try {
                handle(x);
            } catch (RuntimeException e) {
                reply(x, 400, obj("data", obj("error_code", 400, "description", String.valueOf(e))));
            }
        });
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        String bound = bind[0] + ":" + server.getAddress().getPort();
        String url = env("RECEIVER_URL", "http://" + bound).replaceAll("/+$", "");
        step("receiver listening on " + bound + ", reached at " + url);
        call("PUT", "/sandbox/webhooks", obj("url", url + "/douyin/webhook"), false);
        waitFor("webhook", "verify_webhook", c -> true, 1);
        step("webhook URL registered: the verify_webhook challenge was signed and answered");
        call("PUT", "/sandbox/spi", obj("pre_create_order", url + "/spi/pre_create_order",
                "issue_code", url + "/spi/issue_code"), false);
        step("SPI URLs registered (pre_create_order, issue_code)");

        Object tok = call("POST", "/oauth/client_token/", obj("client_key", clientKey, "client_secret", secret,
                "grant_type", "client_credential"), true);
        token = str(tok, "access_token");
        step("client_token " + token.substring(0, 12) + "… expires in " + integer(tok, "expires_in") + " s");

        // a combo pack from the sandbox's example, changed to ask the merchant before a refund
        Object body = at(call("GET", "/sandbox/examples/product_save?kind=combo_pack&refund_mode=1", null, false), "body");
        ((Map<String, Object>) at(body, "product", "attr_key_value_map")).put("refund_need_merchant_confirm", "true");
        Object rule = Json.parse(str(body, "product", "attr_key_value_map", "combination_rule"));
        long price = integer(body, "sku", "actual_amount");
        step("combo pack body: " + length(rule, "items") + " sub-items, price " + price
                + " fen, refunds need the merchant's confirmation");
        Object saved = call("POST", "/goodlife/v1/goods/product/save/", body, true);
        String pid = str(saved, "product_id");
        check(pid.matches("\\d+"), "product_id is a digit string: " + pid);
        step("product saved: product_id " + pid + " with " + length(saved, "sub_products") + " sub-products");
        Object audit = call("POST", "/sandbox/products/" + pid + "/audit", obj("result", "PASS"), false);
        check(integer(audit, "online_status") == 1, "online after the audit: " + audit);
        Arrival hook = waitFor("webhook", "life_product_audit", c -> pid.equals(at(c, "product_id")), 1).get(0);
        step("audit passed, product online; webhook life_product_audit " + str(hook.content(), "status") + ", signature ok");

        // ids the platform sends as JSON numbers (19 digits, beyond a double's 53 bits) must come out exact
        Object product = at(call("GET", "/goodlife/v1/goods/product/draft/get/?product_ids=" + pid + "&account_id="
                + account, null, true), "product_drafts", 0, "product");
        long poiId = integer(product, "pois", 0, "poi_id"), creator = integer(product, "creator_account_id");
        check(Long.toString(poiId).equals(poi), "poi_id " + poiId + " lost digits (expected " + poi + ")");
        check(Long.toString(creator).equals(account), "creator_account_id " + creator + " lost digits");
        step("draft/get: poi_id " + poiId + " and creator_account_id " + creator + " decoded exactly (a double would read "
                + new BigDecimal((double) poiId).toBigInteger() + ")");

        // a consumer buys the pack
        Object bought = call("POST", "/sandbox/orders", obj("product_id", pid), false);
        String oid = str(bought, "order", "order_id");
        long pay = integer(bought, "order", "pay_amount");
        integer(bought, "order", "original_amount");
        integer(bought, "order", "discount_amount");
        check(pay == price, "pay_amount " + pay + " is the price " + price);
        int certs = length(bought, "certificates");
        step("purchase: order " + oid + ", pay_amount " + pay + " fen (an integer), " + certs + " coupons");
        hook = waitFor("webhook", "life_trade_order_notify", c -> oid.equals(at(c, "order", "order_id")), 1).get(0);
        check(integer(hook.content(), "order", "pay_amount") == price, "the webhook's pay_amount");
        step("webhook life_trade_order_notify pay_success, signature ok");

        // at the till: prepare, verify, cancel within the hour
        Object prep = call("GET", "/goodlife/v1/fulfilment/certificate/prepare/?code="
                + enc(str(bought, "certificates", 0, "code")), null, true);
        String encrypted = str(prep, "certificates", 0, "encrypted_code");
        integer(prep, "certificates", 0, "amount", "pay_amount");
        step("prepare: verify_token " + str(prep, "verify_token") + ", " + length(prep, "certificates") + " coupons usable");
        Object res = at(call("POST", "/goodlife/v1/fulfilment/certificate/verify/", obj("verify_token",
                str(prep, "verify_token"), "poi_id", poi, "encrypted_codes", List.of(encrypted)), true), "verify_results", 0);
        check(integer(res, "result") == 0, "verify result " + at(res, "result") + ": " + at(res, "msg"));
        String certId = str(res, "certificate_id"), verifyId = str(res, "verify_id");
        step("verify: certificate " + certId + ", verify_id " + verifyId);
        waitFor("webhook", "life_trade_certificate_notify", c -> "verify".equals(at(c, "action"))
                && certId.equals(at(c, "certificate", "certificate_id")), 1);
        call("POST", "/goodlife/v1/fulfilment/certificate/cancel/", obj("verify_id", verifyId, "certificate_id", certId), true);
        long status = integer(call("GET", "/goodlife/v1/fulfilment/certificate/get/?encrypted_code=" + enc(encrypted),
                null, true), "certificate", "status");
        check(status == 1, "certificate status " + status + " after the cancel (1 = usable)");
        step("cancel within the hour: certificate " + certId + " usable again (status " + status + ")");

        // the user asks for a refund; the merchant approves it on the audit webhook
        Object refund = at(call("POST", "/sandbox/refunds", obj("order_id", oid, "by", "user"), false), "after_sale");
        check(integer(refund, "status") == 1, "after-sale status " + at(refund, "status") + " (1 = waiting for the merchant)");
        check(integer(refund, "refund_amount") == price, "refund_amount is the whole price");
        step("user refund: after_sale " + str(refund, "after_sale_id") + ", " + integer(refund, "refund_amount")
                + " fen, waiting for the merchant");
        waitFor("webhook", "life_hermes_akte_after_sale_audit", c -> oid.equals(at(c, "order_id")), 1);
        Object decided = call("POST", "/goodlife/v1/akte/after_sale/order/audit/", obj("order_id", oid, "audit_status", true), true);
        check(integer(decided, "status") == 2, "after-sale status " + at(decided, "status") + " after approval (2 = refunded)");
        waitFor("webhook", "life_trade_certificate_notify", c -> "refund_success".equals(at(c, "action"))
                && oid.equals(at(c, "certificate", "order_id")), certs);
        step("merchant approved on the audit webhook: refunded, " + certs + " refund_success webhooks, signatures ok");

        // 三方码: the platform asks the merchant before the purchase and has it issue the codes
        body = at(call("GET", "/sandbox/examples/product_save?kind=third_party_code", null, false), "body");
        String tp = str(call("POST", "/goodlife/v1/goods/product/save/", body, true), "product_id");
        call("POST", "/sandbox/products/" + tp + "/audit", obj("result", "PASS"), false);
        String tpOrder = str(call("POST", "/sandbox/orders", obj("product_id", tp), false), "order", "order_id");
        Arrival pre = waitFor("spi", "pre_create_order", c -> tpOrder.equals(at(c, "order_id")), 1).get(0);
        check(clientKey.equals(pre.query().get("client_key")), "the SPI query names the tenant");
        step("三方码 purchase: order " + tpOrder + "; SPI pre_create_order x-life-sign ok (timestamp "
                + pre.query().get("timestamp") + ")");
        waitFor("spi", "issue_code", c -> tpOrder.equals(at(c, "order_id")), 1);
        List<String> codes;
        synchronized (issued) {
            codes = issued.get(tpOrder);
        }
        step("SPI issue_code x-life-sign ok; answered codes " + String.join(", ", codes));
        waitIssued(tpOrder);
        Object v = call("POST", "/goodlife/v1/fulfilment/certificate/verify/", obj("poi_id", poi, "order_id", tpOrder,
                "codes", codes), true);
        for (int k = 0; k < length(v, "verify_results"); k++)
            check(integer(v, "verify_results", k, "result") == 0, "三方码 verify: " + at(v, "verify_results", k));
        step("verify of the merchant's own code " + codes.get(0) + ": ok");

        // the checks themselves: the documented example, and a changed byte of a real call must fail them
        check(spiSignature("yyyyyy", Map.of("timestamp", "1624293280123", "client_key", "xxxxxx", "sign", "s"), utf8("zzzzzz"))
                .equals(hex("SHA-256", utf8("yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz"))),
                "x-life-sign of the platform's documented example");
        check(same(webhookSignature(secret, hook.raw()), hook.sign()), "the order webhook's signature");
        byte[] changedBody = java.util.Arrays.copyOf(hook.raw(), hook.raw().length + 1);
        changedBody[changedBody.length - 1] = ' ';
        check(!same(webhookSignature(secret, changedBody), hook.sign()), "a changed webhook body fails");
        Map<String, String> changed = new HashMap<>(pre.query());
        changed.put("timestamp", changed.get("timestamp") + "1");
        check(!same(spiSignature(secret, changed, pre.raw()), pre.sign()), "a changed SPI query fails");
        int received;
        synchronized (arrivals) {
            received = arrivals.size();
        }
        step(received + " signed calls received, every signature checked; a changed body or query fails the check");
        call("DELETE", "/sandbox/tenants/" + clientKey, null, false);
        server.stop(0);
        step("OK java: every step passed");
    }

    /** Until the sandbox has taken the codes of the issue_code answer (its delivery log says delivered). */
    static void waitIssued(String orderId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Object log = call("GET", "/sandbox/webhooks/deliveries?event=spi.issue_code", null, false);
            for (int k = 0; k < length(log, "deliveries"); k++) {
                if (orderId.equals(at(log, "deliveries", k, "entity_id"))
                        && "delivered".equals(at(log, "deliveries", k, "outcome"))) return;
            }
            check(System.nanoTime() < deadline, "the issue_code answer for " + orderId + " was not taken within 20 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new Failure("interrupted");
            }
        }
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Failure f) {
            System.err.println("FAILED: " + f.getMessage());
            System.exit(1);
        } catch (Throwable e) { // a bug of this program: still end (the receiver's thread would keep the JVM alive)
            System.err.print("FAILED: ");
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
