/**
 * The inventory as one self-contained HTML page: no network (a CSP forbids every fetch), rows
 * rendered on the server so the page reads without scripts, and a small inline script that sorts
 * by any column and filters to unauthenticated or public endpoints.
 */
import { isUnauthenticated } from "../../engine/inventory";
import { InventoryRow, inventoryTable, summarizeInventory } from "./inventory";

function escapeHtml(value: string): string {
    return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1b1f24; }
h1 { font-size: 20px; margin: 0 0 4px; }
.summary { color: #57606a; margin-bottom: 12px; }
.controls { display: flex; gap: 16px; align-items: center; margin-bottom: 12px; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
tr.unauthenticated td:nth-child(6) { color: #b42318; font-weight: 600; }
tr.failing td:last-child { color: #b42318; }
tr[hidden] { display: none; }
`;

const SCRIPT = `
(function () {
  var table = document.getElementById("endpoints");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("shown");
  var unauthenticated = document.getElementById("only-unauthenticated");
  var publicOnly = document.getElementById("only-public");
  var search = document.getElementById("search");
  function apply() {
    var needle = search.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!unauthenticated.checked || row.dataset.unauthenticated === "true")
        && (!publicOnly.checked || row.dataset.exposure === "public")
        && (needle === "" || row.textContent.toLowerCase().indexOf(needle) >= 0);
      row.hidden = !visible;
      if (visible) { shown++; }
    });
    count.textContent = shown + " of " + rows.length + " endpoints shown";
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  [unauthenticated, publicOnly].forEach(function (box) { box.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
})();
`;

export function renderInventoryHtml(rows: readonly InventoryRow[], version: string): string {
    const { headers, cells } = inventoryTable(rows);
    const summary = summarizeInventory(rows);
    const body = cells.map((row, index) => {
        const source = rows[index];
        const open = isUnauthenticated(source);
        const classes = [open ? "unauthenticated" : "", source.failingRules.length > 0 ? "failing" : ""].filter(Boolean).join(" ");
        return `<tr${classes ? ` class="${classes}"` : ""} data-unauthenticated="${open}" data-exposure="${source.exposure}">`
            + row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join("") + "</tr>";
    }).join("\n");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API endpoints — Gatehouse</title>
<style>${STYLE}</style>
</head>
<body>
<h1>API endpoints</h1>
<p class="summary">${summary.endpoints} endpoints in ${summary.apis} APIs: ${summary.unauthenticated} unauthenticated, ${summary.public} public, ${summary.failing} with failing rules. Gatehouse ${escapeHtml(version)}.</p>
<div class="controls">
<label><input type="checkbox" id="only-unauthenticated"> Unauthenticated only</label>
<label><input type="checkbox" id="only-public"> Public only</label>
<label>Search <input type="search" id="search"></label>
<span id="shown" role="status">${rows.length} of ${rows.length} endpoints shown</span>
</div>
<table id="endpoints">
<thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join("")}</tr></thead>
<tbody>
${body}
</tbody>
</table>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
