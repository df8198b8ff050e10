/**
 * The rendering's only style sheet, inlined in the document (no external resource). Colours
 * keep a contrast of at least 4.5:1 (WCAG 2.1 AA); print rules keep rows, parties and findings
 * whole and repeat table headers on every page.
 */
export const CSS = `
*{box-sizing:border-box}
html{font-family:"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif;font-size:10pt;color:#1b1f24;background:#fff;line-height:1.4}
body{margin:0}
.page{max-width:210mm;margin:0 auto;padding:12mm 14mm}
h1{font-size:20pt;margin:0 0 2mm;color:#16325c;letter-spacing:.01em}
h2{font-size:12pt;margin:7mm 0 2mm;color:#16325c;border-bottom:1.5px solid #16325c;padding-bottom:1mm}
h3{font-size:10.5pt;margin:0 0 1.5mm;color:#16325c;text-transform:uppercase;letter-spacing:.04em}
.bt{font:normal 7pt/1 ui-monospace,"DejaVu Sans Mono",Menlo,monospace;color:#4a5360;background:#eef1f4;border-radius:2px;padding:1px 3px;margin-left:2px;white-space:nowrap;text-transform:none;letter-spacing:0;vertical-align:1px}
.muted{color:#4a5360}
.cname,.sch{color:#4a5360}
.top{display:flex;justify-content:space-between;gap:8mm;align-items:flex-start;border-bottom:3px solid #16325c;padding-bottom:4mm}
.top .subtitle{margin:0;color:#4a5360}
.keyfacts{margin:0;display:grid;grid-template-columns:auto auto;gap:1mm 4mm;min-width:70mm}
.keyfacts .f{display:contents}
.keyfacts dt{color:#4a5360}
.keyfacts dd{margin:0;font-weight:600;text-align:right}
.parties .grid2{display:grid;grid-template-columns:1fr 1fr;gap:5mm}
.party{border:1px solid #c9d1da;border-radius:3px;padding:3mm}
.pname{font-weight:700;font-size:11pt;margin:0 0 1.5mm}
.grp{margin:2mm 0 .5mm;font-size:8.5pt;color:#4a5360;font-weight:600}
address{font-style:normal;white-space:pre-line}
dl.fields{margin:1mm 0;display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:.6mm 3mm}
dl.fields .f{display:contents}
dl.fields dt{color:#4a5360}
dl.fields dd{margin:0;overflow-wrap:anywhere}
dl.refs{grid-template-columns:minmax(0,1.3fr) minmax(0,1fr) minmax(0,1.3fr) minmax(0,1fr)}
dl.fields.inline{display:block;font-size:8pt;margin:.8mm 0 0}
dl.inline .f{display:block}
dl.inline dt{display:inline;color:#4a5360}
dl.inline dt::after{content:":"}
:lang(fr) dl.inline dt::after{content:"\\00a0:"}
dl.inline dd{display:inline;margin:0 0 0 1mm}
table{border-collapse:collapse;width:100%;margin:1mm 0}
caption{text-align:left;font-size:8.5pt;color:#4a5360;padding-bottom:1mm}
.grid th,.grid td{border-bottom:1px solid #c9d1da;padding:1.5mm 2mm;vertical-align:top;text-align:left}
.grid thead th{background:#16325c;color:#fff;font-weight:600;font-size:8.5pt;border-bottom:0}
.grid thead .bt{background:#2c4a78;color:#fff}
.grid tbody th{font-weight:600}
.grid tbody td,.grid tbody th{overflow-wrap:anywhere}
.num{text-align:right!important;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
table.lines{table-layout:fixed}

.iname{margin:0;font-weight:600}
.idesc{margin:.5mm 0 0;color:#1b1f24;white-space:pre-line}
.subline th{padding-left:6mm}
.aclist{list-style:none;margin:0;padding:0}
.sub{margin-top:1mm}
.totals .tot{width:auto;min-width:95mm;margin-left:auto}
.tot th{text-align:left;font-weight:normal;padding:1mm 3mm 1mm 0}
.tot td{padding:1mm 0 1mm 4mm}
.tot tr.strong th,.tot tr.strong td{font-weight:700}
.tot tr.due th,.tot tr.due td{font-weight:700;font-size:12pt;border-top:2px solid #16325c;padding-top:2mm;color:#16325c}
.notes p{white-space:pre-line;margin:0}
.notes li{margin-bottom:2mm}
ul.plain{list-style:none;padding:0;margin:0}
.uri{overflow-wrap:anywhere}
.findings{border:1px solid #c9d1da;border-left:6px solid #1f6f43;padding:2mm 4mm;margin-top:5mm;border-radius:3px}
.findings h2{border:0;margin-top:1mm}
.findings.has-fatal{border-left-color:#b00020;background:#fdf2f3}
.findings.has-warn{border-left-color:#8a5a00;background:#fff9ec}
.summary{font-weight:600;margin:0 0 2mm}
.flist{list-style:none;margin:0;padding:0}
.finding{border-top:1px solid #d9dee4;padding:1.5mm 0}
.finding p{margin:0}
.finding .sev{display:inline-block;border:1px solid currentColor;border-radius:2px;padding:0 1.5mm;font-size:8pt;text-transform:uppercase}
.finding.fatal .sev{color:#9b001c}
.finding.warning .sev{color:#6f4800}
.finding.fatal .sev::before{content:"\\2716\\00a0"}
.finding.warning .sev::before{content:"\\26A0\\00a0"}
.floc{font-size:8pt;color:#4a5360;overflow-wrap:anywhere}
code{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.9em}
footer{margin-top:8mm;border-top:1px solid #c9d1da;padding-top:2mm;font-size:8pt;color:#4a5360}
footer p{margin:.5mm 0}
@page{size:A4;margin:12mm 12mm 14mm}
@media print{
 .page{padding:0;max-width:none}
 html{font-size:9pt}
 tr,.party,.finding,dl.fields .f,.tot{break-inside:avoid}
 thead{display:table-header-group}
 h2,h3{break-after:avoid}
 .findings{background:none!important}
}
@media screen and (max-width:700px){.top{display:block}.parties .grid2{grid-template-columns:1fr}}
`;
