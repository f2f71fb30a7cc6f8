<?php
/*
 * A merchant integration against douyin-sandbox, with PHP and its curl extension only.
 *
 * Creates its own tenant, receives webhooks and SPI calls on a small HTTP server of its own (checking
 * X-Douyin-Signature and x-life-sign), and runs a combo pack (组合券包) from save to refund, then a 三方码
 * purchase whose codes it issues through the SPI. Prints each step; exits 1 on the first failure.
 *
 * One process, no threads: while a request to the sandbox is in flight (curl_multi), and while it waits for a
 * webhook, it answers the calls the sandbox makes to its socket — the webhook challenge, for one, arrives
 * while PUT /sandbox/webhooks is still waiting for its answer.
 *
 *   DOUYIN_BASE_URL        the sandbox (default http://127.0.0.1:8787)
 *   RECEIVER_BIND          host:port this program listens on for webhooks and SPI calls (default 127.0.0.1:0)
 *   RECEIVER_URL           the URL the sandbox reaches that server at (default http://<RECEIVER_BIND>)
 *   SANDBOX_CONTROL_TOKEN  bearer token of the control plane, when the sandbox was started with --control-token
 */
declare(strict_types=1);

final class Failure extends Exception {}

function env(string $name, string $default): string
{
    $v = getenv($name);
    return $v === false || $v === '' ? $default : $v;
}

function check(bool $cond, string $msg): void
{
    if (!$cond) throw new Failure($msg);
}

function step(string $msg): void
{
    fwrite(STDOUT, $msg . "\n");
}

$BASE = rtrim(env('DOUYIN_BASE_URL', 'http://127.0.0.1:8787'), '/');
$CONTROL_TOKEN = env('SANDBOX_CONTROL_TOKEN', '');

// ---- the two signatures, written from the platform's rules ----

/** X-Douyin-Signature: lowercase hex SHA-1 of client_secret followed by the raw body. */
function webhook_signature(string $secret, string $raw): string
{
    return sha1($secret . $raw);
}

/** x-life-sign: lowercase hex SHA-256 of `secret&k1=v1&k2=v2…&http_body=<raw body>`, query sorted by key, `sign` left out. */
function spi_signature(string $secret, array $query, string $raw): string
{
    unset($query['sign']);
    ksort($query, SORT_STRING);
    $parts = [$secret];
    foreach ($query as $k => $v) $parts[] = "$k=$v";
    return hash('sha256', implode('&', $parts) . '&http_body=' . $raw);
}

function same(string $expected, ?string $got): bool
{
    return $got !== null && hash_equals($expected, strtolower($got));
}

// ---- JSON: integers beyond 64 bits would become strings, never floats; 19-digit ids are PHP ints ----

function decode(string $raw)
{
    return json_decode($raw, true, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
}

function encode($v): string
{
    return json_encode($v, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
}

function integer($v, string $what): int
{
    check(is_int($v), "$what: expected a JSON integer, got " . var_export($v, true));
    return $v;
}

// ---- the merchant's own server: webhooks and SPI, served whenever the program waits ----

$arrivals = [];
$issued = []; // order_id => codes answered by issue_code
$secret = '';
$server = stream_socket_server('tcp://' . env('RECEIVER_BIND', '127.0.0.1:0'), $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "FAILED: receiver: $errstr\n");
    exit(1);
}
stream_set_blocking($server, false);

/** Answers every connection waiting on the receiver's socket, waiting up to $seconds for the first. */
function serve(float $seconds): void
{
    global $server;
    while (true) {
        $read = [$server];
        $none = null;
        $n = stream_select($read, $none, $none, 0, (int) ($seconds * 1e6));
        if (!$n) return;
        $conn = @stream_socket_accept($server, 0);
        if ($conn !== false) handle_connection($conn);
        $seconds = 0;
    }
}

/** One HTTP/1.1 request on $conn: read, answer, close. */
function handle_connection($conn): void
{
    stream_set_blocking($conn, true);
    stream_set_timeout($conn, 10);
    $line = fgets($conn);
    if ($line === false) { fclose($conn); return; }
    [, $target] = explode(' ', trim($line)) + [1 => '/'];
    $headers = [];
    while (($h = fgets($conn)) !== false && trim($h) !== '') {
        [$k, $v] = explode(':', $h, 2) + [1 => ''];
        $headers[strtolower(trim($k))] = trim($v);
    }
    $raw = '';
    $len = (int) ($headers['content-length'] ?? 0);
    while (strlen($raw) < $len && !feof($conn)) $raw .= fread($conn, $len - strlen($raw));
    try {
        [$status, $reply] = handle_request(parse_url($target, PHP_URL_PATH) ?: '/', (string) parse_url($target, PHP_URL_QUERY), $headers, $raw);
    } catch (Throwable $e) {
        [$status, $reply] = [400, ['data' => ['error_code' => 400, 'description' => $e->getMessage()]]];
    }
    $out = encode($reply);
    fwrite($conn, "HTTP/1.1 $status X\r\ncontent-type: application/json\r\ncontent-length: " . strlen($out)
        . "\r\nconnection: close\r\n\r\n" . $out);
    fclose($conn);
}

function handle_request(string $path, string $queryString, array $headers, string $raw): array
{
    global $arrivals, $issued, $secret;
    if ($path === '/douyin/webhook') {
        $sign = $headers['x-douyin-signature'] ?? null;
        $ok = same(webhook_signature($secret, $raw), $sign);
        $msg = decode($raw);
        $content = $msg['content'];
        // life events carry content as a JSON string; the challenge carries an object
        if (is_string($content)) $content = decode($content);
        $arrivals[] = ['kind' => 'webhook', 'event' => $msg['event'], 'content' => $content, 'raw' => $raw, 'sign' => $sign, 'ok' => $ok];
        if (!$ok) {
            fwrite(STDERR, "rejected {$msg['event']}: wrong X-Douyin-Signature\n");
            return [401, ['data' => ['error_code' => 401, 'description' => 'bad X-Douyin-Signature']]];
        }
        if ($msg['event'] === 'verify_webhook') return [200, ['challenge' => $content['challenge']]];
        return [200, ['data' => ['error_code' => 0, 'description' => '']]];
    }
    if (str_starts_with($path, '/spi/')) {
        $name = substr($path, 5);
        $query = [];
        foreach ($queryString === '' ? [] : explode('&', $queryString) as $pair) {
            [$k, $v] = explode('=', $pair, 2) + [1 => ''];
            $query[urldecode($k)] = urldecode($v);
        }
        $sign = $headers['x-life-sign'] ?? null;
        $ok = same(spi_signature($secret, $query, $raw), $sign);
        $body = decode($raw);
        $arrivals[] = ['kind' => 'spi', 'event' => $name, 'content' => $body, 'query' => $query, 'raw' => $raw, 'sign' => $sign, 'ok' => $ok];
        if (!$ok) {
            fwrite(STDERR, "rejected $name: wrong x-life-sign\n");
            return [200, ['data' => ['error_code' => 20, 'description' => 'bad x-life-sign']]];
        }
        if ($name === 'issue_code') {
            $orderId = $body['order_id'];
            $codes = [];
            foreach ($body['certificates'] as $i => $_) $codes[] = 'PHP' . substr($orderId, -8) . $i;
            $issued[$orderId] = $codes;
            return [200, ['data' => ['error_code' => 0, 'description' => '', 'result' => 1, 'codes' => $codes,
                'third_order_id' => "php-$orderId"]]];
        }
        return [200, ['data' => ['error_code' => 0, 'description' => '']]];
    }
    return [404, ['data' => ['error_code' => 404, 'description' => "no route $path"]]];
}

/** The first $count arrivals of that kind and event whose content matches, within 20 s. */
function wait_for(string $kind, string $event, callable $match, int $count = 1): array
{
    global $arrivals;
    $deadline = microtime(true) + 20;
    while (true) {
        $hits = [];
        foreach ($arrivals as $a) {
            check($a['ok'], "a {$a['kind']} {$a['event']} call with a wrong signature arrived");
            if ($a['kind'] === $kind && $a['event'] === $event && $match($a['content'])) $hits[] = $a;
        }
        if (count($hits) >= $count) return array_slice($hits, 0, $count);
        check(microtime(true) < $deadline, "no $kind $event within 20 s (got " . count($hits) . " of $count)");
        serve(0.05);
    }
}

// ---- HTTP to the sandbox ----

$clientKey = ''; // the tenant of control-plane calls
$token = '';

/** One request, answering the receiver while it is in flight; answers the raw text, HTTP 200 and error_code 0 checked. */
function call_raw(string $method, string $path, $body = null, bool $platform = true): string
{
    global $BASE, $CONTROL_TOKEN, $clientKey, $token;
    $headers = ['content-type: application/json'];
    if ($platform && $token !== '') $headers[] = "access-token: $token";
    if (!$platform && $clientKey !== '') $headers[] = "x-sandbox-client-key: $clientKey";
    if (!$platform && $CONTROL_TOKEN !== '') $headers[] = "authorization: Bearer $CONTROL_TOKEN";
    $ch = curl_init($BASE . $path);
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 30,
    ]);
    if ($body !== null) curl_setopt($ch, CURLOPT_POSTFIELDS, is_string($body) ? $body : encode($body));
    elseif ($method !== 'GET') curl_setopt($ch, CURLOPT_POSTFIELDS, '');
    $mh = curl_multi_init();
    curl_multi_add_handle($mh, $ch);
    do {
        curl_multi_exec($mh, $running);
        serve(0);
        if ($running && curl_multi_select($mh, 0.01) === -1) usleep(2000);
    } while ($running);
    // with curl_multi, a failed transfer (nothing listening, a timeout) is reported here, not by curl_exec
    $result = CURLE_OK;
    while (($info = curl_multi_info_read($mh)) !== false) $result = $info['result'];
    $text = (string) curl_multi_getcontent($ch);
    $error = $result === CURLE_OK ? '' : (curl_error($ch) ?: curl_strerror($result));
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_multi_remove_handle($mh, $ch);
    curl_multi_close($mh);
    check($error === '', "$method $path: no answer from $BASE ($error)");
    try {
        $answer = decode($text);
    } catch (JsonException $e) {
        throw new Failure("$method $path: HTTP $status, not JSON: " . substr($text, 0, 200));
    }
    check(is_array($answer['data'] ?? null), "$method $path: HTTP $status, no data object: " . substr($text, 0, 300));
    $code = integer($answer['data']['error_code'] ?? null, "$method $path error_code");
    // the detail naming the field is in extra.sub_description, a specific code in extra.sub_error_code
    check($status === 200 && $code === 0, "$method $path: HTTP $status, error_code $code: " . ($answer['data']['description'] ?? '')
        . ': ' . ($answer['extra']['sub_description'] ?? '') . ' (sub_error_code ' . ($answer['extra']['sub_error_code'] ?? 0) . ')');
    return $text;
}

function call(string $method, string $path, $body = null, bool $platform = true): array
{
    return decode(call_raw($method, $path, $body, $platform))['data'];
}

// ---- the flow ----

function run(): void
{
    global $BASE, $server, $secret, $clientKey, $token, $issued, $arrivals;
    step("sandbox $BASE");
    $tenant = call('POST', '/sandbox/tenants', new stdClass(), false);
    $clientKey = $tenant['client_key'];
    $secret = $tenant['client_secret'];
    $account = $tenant['account_id'];
    $poi = $tenant['poi_ids'][0];
    step("tenant $clientKey created (account_id $account, poi $poi)");

    $bound = stream_socket_get_name($server, false);
    $url = rtrim(env('RECEIVER_URL', "http://$bound"), '/');
    step("receiver listening on $bound, reached at $url");
    call('PUT', '/sandbox/webhooks', ['url' => "$url/douyin/webhook"], false);
    wait_for('webhook', 'verify_webhook', fn ($c) => true);
    step('webhook URL registered: the verify_webhook challenge was signed and answered');
    call('PUT', '/sandbox/spi', ['pre_create_order' => "$url/spi/pre_create_order", 'issue_code' => "$url/spi/issue_code"], false);
    step('SPI URLs registered (pre_create_order, issue_code)');

    $tok = call('POST', '/oauth/client_token/', ['client_key' => $clientKey, 'client_secret' => $secret, 'grant_type' => 'client_credential']);
    $token = $tok['access_token'];
    step('client_token ' . substr($token, 0, 12) . '… expires in ' . integer($tok['expires_in'], 'expires_in') . ' s');

    // a combo pack from the sandbox's example, changed to ask the merchant before a refund; decoded as objects
    // (not arrays) so that an empty {} is sent back as {} and not as []
    $example = json_decode(call_raw('GET', '/sandbox/examples/product_save?kind=combo_pack&refund_mode=1', null, false), false, 512, JSON_BIGINT_AS_STRING);
    $body = $example->data->body;
    $body->product->attr_key_value_map->refund_need_merchant_confirm = 'true';
    $rule = decode($body->product->attr_key_value_map->combination_rule);
    $price = integer($body->sku->actual_amount, 'sku.actual_amount');
    step('combo pack body: ' . count($rule['items']) . " sub-items, price $price fen, refunds need the merchant's confirmation");
    $saved = call('POST', '/goodlife/v1/goods/product/save/', $body);
    $pid = $saved['product_id'];
    check(ctype_digit($pid), "product_id is a digit string: $pid");
    step("product saved: product_id $pid with " . count($saved['sub_products']) . ' sub-products');
    $audit = call('POST', "/sandbox/products/$pid/audit", ['result' => 'PASS'], false);
    check($audit['online_status'] === 1, 'online after the audit: ' . encode($audit));
    $hook = wait_for('webhook', 'life_product_audit', fn ($c) => $c['product_id'] === $pid)[0];
    step("audit passed, product online; webhook life_product_audit {$hook['content']['status']}, signature ok");

    // ids the platform sends as JSON numbers (19 digits, beyond a double's 53 bits) must come out exact
    $product = call('GET', "/goodlife/v1/goods/product/draft/get/?product_ids=$pid&account_id=$account")['product_drafts'][0]['product'];
    $poiId = integer($product['pois'][0]['poi_id'], 'poi_id');
    $creator = integer($product['creator_account_id'], 'creator_account_id');
    check((string) $poiId === $poi, "poi_id $poiId lost digits (expected $poi)");
    check((string) $creator === $account, "creator_account_id $creator lost digits (expected $account)");
    step("draft/get: poi_id $poiId and creator_account_id $creator decoded exactly (a double would read "
        . sprintf('%.0f', (float) $poiId) . ')');

    // a consumer buys the pack
    $bought = call('POST', '/sandbox/orders', ['product_id' => $pid], false);
    $order = $bought['order'];
    $oid = $order['order_id'];
    foreach (['pay_amount', 'original_amount', 'discount_amount'] as $k) integer($order[$k], "order.$k");
    check($order['pay_amount'] === $price, "pay_amount {$order['pay_amount']} is the price $price");
    $certs = count($bought['certificates']);
    step("purchase: order $oid, pay_amount {$order['pay_amount']} fen (an integer), $certs coupons");
    $hook = wait_for('webhook', 'life_trade_order_notify', fn ($c) => $c['order']['order_id'] === $oid)[0];
    check($hook['content']['order']['pay_amount'] === $price, "the webhook's pay_amount");
    step('webhook life_trade_order_notify pay_success, signature ok');

    // at the till: prepare, verify, cancel within the hour
    $prep = call('GET', '/goodlife/v1/fulfilment/certificate/prepare/?code=' . urlencode($bought['certificates'][0]['code']));
    $enc = $prep['certificates'][0]['encrypted_code'];
    integer($prep['certificates'][0]['amount']['pay_amount'], 'coupon pay_amount');
    step("prepare: verify_token {$prep['verify_token']}, " . count($prep['certificates']) . ' coupons usable');
    $res = call('POST', '/goodlife/v1/fulfilment/certificate/verify/',
        ['verify_token' => $prep['verify_token'], 'poi_id' => $poi, 'encrypted_codes' => [$enc]])['verify_results'][0];
    check($res['result'] === 0, "verify result {$res['result']}: {$res['msg']}");
    step("verify: certificate {$res['certificate_id']}, verify_id {$res['verify_id']}");
    wait_for('webhook', 'life_trade_certificate_notify',
        fn ($c) => $c['action'] === 'verify' && $c['certificate']['certificate_id'] === $res['certificate_id']);
    call('POST', '/goodlife/v1/fulfilment/certificate/cancel/', ['verify_id' => $res['verify_id'], 'certificate_id' => $res['certificate_id']]);
    $status = call('GET', '/goodlife/v1/fulfilment/certificate/get/?encrypted_code=' . rawurlencode($enc))['certificate']['status'];
    check($status === 1, "certificate status $status after the cancel (1 = usable)");
    step("cancel within the hour: certificate {$res['certificate_id']} usable again (status $status)");

    // the user asks for a refund; the merchant approves it on the audit webhook
    $refund = call('POST', '/sandbox/refunds', ['order_id' => $oid, 'by' => 'user'], false)['after_sale'];
    check($refund['status'] === 1, "after-sale status {$refund['status']} (1 = waiting for the merchant)");
    check(integer($refund['refund_amount'], 'refund_amount') === $price, 'refund_amount is the whole price');
    step("user refund: after_sale {$refund['after_sale_id']}, {$refund['refund_amount']} fen, waiting for the merchant");
    wait_for('webhook', 'life_hermes_akte_after_sale_audit', fn ($c) => $c['order_id'] === $oid);
    $decided = call('POST', '/goodlife/v1/akte/after_sale/order/audit/', ['order_id' => $oid, 'audit_status' => true]);
    check($decided['status'] === 2, "after-sale status {$decided['status']} after approval (2 = refunded)");
    wait_for('webhook', 'life_trade_certificate_notify',
        fn ($c) => $c['action'] === 'refund_success' && $c['certificate']['order_id'] === $oid, $certs);
    step("merchant approved on the audit webhook: refunded, $certs refund_success webhooks, signatures ok");

    // 三方码: the platform asks the merchant before the purchase and has it issue the codes
    $example = json_decode(call_raw('GET', '/sandbox/examples/product_save?kind=third_party_code', null, false), false, 512, JSON_BIGINT_AS_STRING);
    $tp = call('POST', '/goodlife/v1/goods/product/save/', $example->data->body)['product_id'];
    call('POST', "/sandbox/products/$tp/audit", ['result' => 'PASS'], false);
    $oid = call('POST', '/sandbox/orders', ['product_id' => $tp], false)['order']['order_id'];
    $pre = wait_for('spi', 'pre_create_order', fn ($c) => $c['order_id'] === $oid)[0];
    check($pre['query']['client_key'] === $clientKey, 'the SPI query names the tenant');
    step("三方码 purchase: order $oid; SPI pre_create_order x-life-sign ok (timestamp {$pre['query']['timestamp']})");
    wait_for('spi', 'issue_code', fn ($c) => $c['order_id'] === $oid);
    $codes = $issued[$oid];
    step('SPI issue_code x-life-sign ok; answered codes ' . implode(', ', $codes));
    wait_issued($oid);
    $v = call('POST', '/goodlife/v1/fulfilment/certificate/verify/', ['poi_id' => $poi, 'order_id' => $oid, 'codes' => $codes]);
    foreach ($v['verify_results'] as $r) check($r['result'] === 0, '三方码 verify: ' . encode($r));
    step("verify of the merchant's own code {$codes[0]}: ok");

    // the checks themselves: the documented example, and a changed byte of a real call must fail them
    check(spi_signature('yyyyyy', ['timestamp' => '1624293280123', 'client_key' => 'xxxxxx', 'sign' => 's'], 'zzzzzz')
        === hash('sha256', 'yyyyyy&client_key=xxxxxx&timestamp=1624293280123&http_body=zzzzzz'), "x-life-sign of the platform's documented example");
    check(same(webhook_signature($secret, $hook['raw']), $hook['sign']), "the order webhook's signature");
    check(!same(webhook_signature($secret, $hook['raw'] . ' '), $hook['sign']), 'a changed webhook body fails');
    $changed = $pre['query'];
    $changed['timestamp'] .= '1';
    check(!same(spi_signature($secret, $changed, $pre['raw']), $pre['sign']), 'a changed SPI query fails');
    step(count($arrivals) . ' signed calls received, every signature checked; a changed body or query fails the check');
    call('DELETE', "/sandbox/tenants/$clientKey", null, false);
    step('OK php: every step passed');
}

/** Until the sandbox has taken the codes of the issue_code answer (its delivery log says delivered). */
function wait_issued(string $orderId): void
{
    $deadline = microtime(true) + 20;
    while (true) {
        foreach (call('GET', '/sandbox/webhooks/deliveries?event=spi.issue_code', null, false)['deliveries'] as $d) {
            if ($d['entity_id'] === $orderId && $d['outcome'] === 'delivered') return;
        }
        check(microtime(true) < $deadline, "the issue_code answer for $orderId was not taken within 20 s");
        serve(0.05);
    }
}

try {
    run();
} catch (Failure $e) {
    fwrite(STDERR, 'FAILED: ' . $e->getMessage() . "\n");
    exit(1);
}
