/** The console's style sheet: large type and strong contrast, so it reads on a projector. */
export const CONSOLE_STYLE = `
:root{--fg:#111;--muted:#555;--line:#ccc;--ok:#0a6b1f;--bad:#b00020;--accent:#fe2c55;--card:#fafafa}
*{box-sizing:border-box}
body{font:17px/1.45 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
 margin:0;color:var(--fg);background:#fff}
header.top{background:#161823;color:#fff;padding:10px 18px;display:flex;flex-wrap:wrap;gap:10px 18px;
 align-items:center}
header.top h1{font-size:22px;margin:0;color:#fff}
header.top select,header.top input{font-size:16px}
#clock{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;color:#ffe27a}
#clock-mode,#updated{color:#bbb;font-size:14px}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(560px,100%),1fr));gap:16px;padding:16px}
section{border:2px solid var(--line);border-radius:10px;padding:10px 14px;background:#fff;min-width:0}
section.wide{grid-column:1/-1}
h2{font-size:21px;margin:4px 0 10px;border-left:6px solid var(--accent);padding-left:8px}
h4{margin:8px 0 4px;font-size:15px}
button{font:inherit;font-size:16px;padding:4px 12px;margin:2px 6px 2px 0;border:2px solid #333;border-radius:6px;
 background:#fff;cursor:pointer}
button:hover{background:#f0f0f0}button:disabled{opacity:.5}
input,select{font:inherit;font-size:16px;padding:3px 6px;border:1px solid #888;border-radius:4px;max-width:100%}
table{border-collapse:collapse;width:100%}
td,th{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eee}small{color:var(--muted)}code{font-size:.9em;word-break:break-all}
.ok{color:var(--ok)}.bad{color:var(--bad)}
.st{font-weight:700;white-space:nowrap}.st-cert-1,.st-order-201,.st-online-1,.st-draft-1{color:var(--ok)}
.st-cert-4,.st-draft-12,.st-order-101,.st-after-3{color:var(--bad)}.st-cert-2{color:#0b57d0}
.row{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;margin:4px 0}
.order{border:1px solid var(--line);border-radius:8px;padding:8px;margin:0 0 12px;background:var(--card)}
.coupons{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.coupon{display:flex;flex-wrap:wrap;gap:10px;border:2px dashed #999;border-radius:8px;padding:8px;background:#fff;
 flex:1 1 400px;min-width:min(400px,100%)}
.coupon>div{flex:1 1 200px}
.coupon .qr{width:132px;height:132px;image-rendering:pixelated;flex:none}
.coupon .name{font-weight:700;font-size:18px}
.coupon .code{font:700 24px/1.2 ui-monospace,monospace;letter-spacing:1px;white-space:nowrap}
.acts{margin-top:4px}.pick{white-space:nowrap;margin-right:10px}
.refund-result{margin-top:6px;padding:6px 10px;border-radius:6px;border:2px solid currentColor;font-weight:700}
.refund-result small{font-weight:400;color:var(--fg)}
.attr{display:grid;grid-template-columns:minmax(200px,40%) 1fr;gap:6px;margin:3px 0;align-items:center}
.attr.req span{font-weight:600}
pre{background:#f4f4f4;padding:6px;max-height:260px;overflow:auto;font-size:13px;white-space:pre-wrap;
 word-break:break-all;margin:2px 0}
#scenario-timeline{max-height:360px;font-size:14px}
details{border-bottom:1px solid var(--line);padding:3px 0}summary{cursor:pointer}
#activity{margin:0;padding-left:20px;max-height:240px;overflow:auto}
`
