// Muster's dashboard: every figure comes from Muster's public API, with the session cookie and CSRF token
// of the sign-in — anything this page shows, a script can ask for too.
(function () {
  "use strict";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)muster_csrf=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    if (response.status === 401 || (response.status === 403 && response.headers.get("x-amzn-ErrorType") === "MissingAuthenticationTokenException")) {
      window.location.assign("/login");
      throw new Error("Not signed in");
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    if (!response.ok) {
      throw new Error((json.Code || response.status) + ": " + (json.Message || "request failed"));
    }
    return json;
  }

  function percent(score) {
    return score === null || score === undefined ? "no data" : score + " %";
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
  }

  function fill(tableId, rows, columns) {
    const body = document.querySelector("#" + tableId + " tbody");
    body.replaceChildren();
    if (rows.length === 0) {
      const tr = body.insertRow();
      const td = document.createElement("td");
      td.colSpan = columns.length;
      td.textContent = "Nothing to show.";
      tr.appendChild(td);
      return;
    }
    for (const item of rows) {
      const tr = body.insertRow();
      for (const column of columns) {
        cell(tr, column.value(item), column.className);
      }
    }
  }

  async function overview() {
    const [scores, resources, accounts, critical] = await Promise.all([
      api("GET", "/compliance/scores"),
      api("POST", "/risk/resources", { MaxResults: 10 }),
      api("POST", "/risk/accounts", { MaxResults: 10 }),
      api("POST", "/findings", {
        Filters: { SeverityLabel: [{ Value: "CRITICAL", Comparison: "EQUALS" }], RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }] },
        SortCriteria: [{ Field: "CreatedAt", SortOrder: "desc" }], MaxResults: 8
      })
    ]);
    document.getElementById("overall-score").textContent = percent(scores.Score);
    document.getElementById("overall-weighted").textContent = percent(scores.WeightedScore);
    fill("scores", scores.Standards, [
      { value: s => s.Name },
      { value: s => percent(s.Score), className: "number" },
      { value: s => percent(s.WeightedScore), className: "number" },
      { value: s => String(s.ControlsByStatus.PASSED || 0), className: "number passed" },
      { value: s => String(s.ControlsByStatus.FAILED || 0), className: "number failed" }
    ]);
    fill("resources", resources.Resources, [
      { value: r => r.ResourceId }, { value: r => r.AwsAccountId },
      { value: r => String(r.MaxPriority), className: "number" }, { value: r => String(r.Findings), className: "number" }
    ]);
    fill("accounts", accounts.Accounts, [
      { value: a => a.AwsAccountId }, { value: a => String(a.MaxPriority), className: "number" },
      { value: a => String(a.TotalPriority), className: "number" }, { value: a => String(a.Findings), className: "number" }
    ]);
    const list = document.getElementById("critical");
    list.replaceChildren();
    for (const finding of critical.Findings) {
      const item = document.createElement("li");
      item.textContent = finding.Title + " — " + finding.AwsAccountId + " (" + finding.CreatedAt + ")";
      list.appendChild(item);
    }
    if (critical.Findings.length === 0) {
      list.textContent = "No active critical finding.";
    }
  }

  document.getElementById("sign-out").addEventListener("click", async function () {
    await fetch("/logout", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrfToken() } });
    window.location.assign("/login");
  });

  function showError(what, error) {
    const message = document.getElementById("error");
    message.textContent = "Could not " + what + ": " + error.message;
    message.hidden = false;
  }

  window.Muster = { api: api, fill: fill, showError: showError };

  if (document.getElementById("overview")) {
    overview().catch(function (error) {
      showError("load the overview", error);
    }).finally(function () {
      document.getElementById("overview").setAttribute("aria-busy", "false");
    });
  }
}());
