/**
 * The demo console page (GET /sandbox/ui), rendered by hono/jsx: its style sheet and its one script (the browser
 * code bundled, script.ts) are inline and allowed by their hashes in the page's Content-Security-Policy — no
 * remote asset, nothing fetched but this sandbox's API.
 */
import type { Child } from 'hono/jsx'

const ADVANCE_PRESETS: Array<[string, number]> = [
  ['+1 分钟', 60],
  ['+10 分钟', 600],
  ['+1 小时', 3600],
  ['+1 天', 86400],
  ['+3 天', 259200],
  ['+7 天', 604800],
  ['+30 天', 2592000],
  ['+400 天', 400 * 86400],
]
const UNITS: Array<[string, number]> = [
  ['秒', 1],
  ['分钟', 60],
  ['小时', 3600],
  ['天', 86400],
]

const Row = ({ children }: { children?: Child }) => <div class="row">{children}</div>

const Header = () => (
  <header class="top">
    <h1>抖音本地生活 · 沙箱演示台</h1>
    <label>
      租户 <select id="tenant"></select>
    </label>
    <button data-act="newTenant" id="new-tenant">
      新建租户
    </button>
    <label>
      <input type="checkbox" id="new-frozen" checked />
      冻结在 2022-06-01
    </label>
    <button data-act="reset" id="reset">
      重置租户
    </button>
    <span>
      <span id="clock">…</span> <span id="clock-mode"></span>
    </span>
    <span>
      {ADVANCE_PRESETS.map(([text, seconds]) => (
        <button data-act="advance" data-seconds={String(seconds)}>
          {text}
        </button>
      ))}
    </span>
    <span>
      <input id="advance-n" type="number" min="1" value="90" />
      <select id="advance-unit">
        {UNITS.map(([text, seconds]) => (
          <option value={String(seconds)} selected={seconds === 60}>
            {text}
          </option>
        ))}
      </select>
      <button data-act="advance" id="advance-go">
        前进
      </button>
    </span>
    <span id="updated"></span>
  </header>
)

const Products = () => (
  <section id="sec-products">
    <h2>① 商家：发布商品与审核</h2>
    <Row>
      <button data-act="publish" data-kind="combo_pack:1">
        发布组合券包（支持部分退）
      </button>
      <button data-act="publish" data-kind="combo_pack:2">
        发布组合券包（不支持部分退）
      </button>
    </Row>
    <details id="tpl">
      <summary>按模版发布任意商品（模版属性逐项填写）</summary>
      <Row>
        <select id="tpl-kind">
          <option value="groupon:1">团购套餐 (product_type 1)</option>
          <option value="voucher:11">代金券 (11)</option>
          <option value="time_card:15">次卡 (15)</option>
        </select>
        <button data-act="template" id="tpl-load">
          读取模版
        </button>
      </Row>
      <div id="tpl-form"></div>
    </details>
    <Row>
      驳回原因 <input id="audit-reason" placeholder="审核驳回时填写" />
    </Row>
    <table id="products"></table>
  </section>
)

const BuyAndTill = () => (
  <section id="sec-buy">
    <h2>② 消费者：购买</h2>
    <Row>
      <label>
        商品 <select id="buy-product"></select>
      </label>
      <label>
        份数 <input id="buy-count" type="number" min="1" value="1" />
      </label>
      <label>
        open_id <input id="buy-open-id" placeholder="默认随机" />
      </label>
      <button data-act="buy" id="buy-go">
        购买
      </button>
    </Row>
    <h2>③ 商家：到店核销台</h2>
    <Row>
      <input id="till-code" placeholder="12 位券码或二维码内容" size={36} />
      <label>
        门店 <select id="till-poi"></select>
      </label>
      <button data-act="till" id="till-scan">
        验券
      </button>
    </Row>
    <div id="sec-till">
      <div id="till-result"></div>
    </div>
    <h2>操作记录</h2>
    <ul id="activity"></ul>
  </section>
)

const Scenarios = () => (
  <section id="sec-scenarios">
    <h2>⑥ 场景脚本</h2>
    <Row>
      <select id="scenario-name"></select>
      <button data-act="runScenario" id="scenario-run">
        运行
      </button>
      <button data-act="runTenant" id="scenario-tenant" hidden>
        切换到场景租户
      </button>
    </Row>
    <p id="scenario-status">
      <small>每个场景在自己的新租户里运行，以内置的参考商家为 Webhook / SPI 目标</small>
    </p>
    <pre id="scenario-timeline"></pre>
  </section>
)

const Webhooks = () => (
  <section id="sec-webhooks">
    <h2>⑦ Webhook</h2>
    <Row>
      <input id="hook-url" placeholder="http://127.0.0.1:9000/douyin/webhook" size={34} />
      <label>
        <input type="checkbox" id="hook-skip" />
        跳过 challenge
      </label>
      <button data-act="hook" id="hook-save">
        保存地址
      </button>
    </Row>
    <h4>未送达的事件</h4>
    <table id="outbox"></table>
    <h4>投递记录（请求头、签名、请求体、应答）</h4>
    <div id="deliveries"></div>
  </section>
)

const Main = () => (
  <main>
    <Products />
    <BuyAndTill />
    <section id="sec-orders" class="wide">
      <h2>④ 订单与券（扫码核销、撤销、退款）</h2>
      <div id="orders"></div>
    </section>
    <section id="sec-money">
      <h2>⑤ 售后与账单</h2>
      <h4>售后单</h4>
      <table id="after-sales"></table>
      <h4>账单（分账记录）</h4>
      <table id="ledger"></table>
    </section>
    <Scenarios />
    <Webhooks />
    <section id="sec-journal">
      <h2>⑧ 请求日志</h2>
      <div id="journal"></div>
      <h4>故障注入</h4>
      <pre id="faults"></pre>
    </section>
  </main>
)

/** The whole page, with `style` and `script` inline (the CSP allows exactly these by hash). */
export function consolePage({ style, script }: { style: string; script: string }): string {
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <link rel="icon" href="data:," />
        <title>douyin-sandbox 演示台</title>
        <style dangerouslySetInnerHTML={{ __html: style }} />
      </head>
      <body>
        <Header />
        <Main />
        <script dangerouslySetInnerHTML={{ __html: script }} />
      </body>
    </html>
  )
  return '<!doctype html>\n' + page.toString()
}
