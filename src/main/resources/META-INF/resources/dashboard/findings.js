// The findings page: GetFindings with the common filters and paging, selection, BatchUpdateFindings for the
// workflow, and one button per custom action target (InvokeActionTarget) — shown only to roles that may.
(function () {
  "use strict";
  const api = window.Muster.api;
  const page = document.getElementById("findings-page");
  let nextToken = null;
  let shown = [];

  function eq(value) {
    return [{ Value: value, Comparison: "EQUALS" }];
  }

  function request() {
    const filters = {};
    const severity = document.getElementById("severity").value;
    const workflow = document.getElementById("workflow").value;
    const recordState = document.getElementById("record-state").value;
    const account = document.getElementById("account").value.trim();
    const title = document.getElementById("title").value.trim();
    if (severity) { filters.SeverityLabel = eq(severity); }
    if (workflow) { filters.WorkflowStatus = eq(workflow); }
    if (recordState) { filters.RecordState = eq(recordState); }
    if (account) { filters.AwsAccountId = eq(account); }
    if (title) { filters.Title = [{ Value: title, Comparison: "CONTAINS" }]; }
    const field = document.getElementById("sort").value;
    return { Filters: filters, MaxResults: 50, SortCriteria: [{ Field: field, SortOrder: "desc" }] };
  }

  function selected() {
    return shown.filter((finding, i) => document.getElementById("pick-" + i).checked)
      .map(finding => ({ Id: finding.Id, ProductArn: finding.ProductArn }));
  }

  function updateButtons() {
    const any = selected().length > 0;
    document.getElementById("set-workflow").disabled = !any;
    document.querySelectorAll("#action-buttons button").forEach(button => { button.disabled = !any; });
  }

  async function load(token) {
    page.setAttribute("aria-busy", "true");
    try {
      const body = request();
      if (token) { body.NextToken = token; }
      body.Correlation = true;
      const answer = await api("POST", "/findings", body);
      shown = answer.Findings;
      nextToken = answer.NextToken || null;
      const tbody = document.querySelector("#findings tbody");
      tbody.replaceChildren();
      shown.forEach(function (finding, i) {
        const tr = tbody.insertRow();
        const pick = document.createElement("td");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = "pick-" + i;
        box.setAttribute("aria-label", "Select " + finding.Title);
        box.addEventListener("change", updateButtons);
        pick.appendChild(box);
        tr.appendChild(pick);
        const cells = [String(finding.MusterCorrelation ? finding.MusterCorrelation.Priority : ""), finding.Severity.Label, finding.Title,
          finding.AwsAccountId, finding.ProductName, finding.Workflow.Status, finding.UpdatedAt];
        cells.forEach(function (text, c) {
          const td = document.createElement("td");
          td.textContent = text;
          if (c === 0) { td.className = "number"; }
          tr.appendChild(td);
        });
      });
      document.getElementById("status").textContent = shown.length + " findings" + (nextToken ? " (more on the next page)" : "");
      document.getElementById("next").hidden = !nextToken;
      document.getElementById("select-all").checked = false;
      updateButtons();
    } catch (error) {
      window.Muster.showError("load findings", error);
    } finally {
      page.setAttribute("aria-busy", "false");
    }
  }

  async function setWorkflow() {
    const identifiers = selected();
    const status = document.getElementById("new-workflow").value;
    const answer = await api("PATCH", "/findings/batchupdate", { FindingIdentifiers: identifiers, Workflow: { Status: status } });
    await load(null);
    document.getElementById("status").textContent = "Workflow " + status + " set on " + answer.ProcessedFindings.length + " findings"
      + (answer.UnprocessedFindings.length ? "; " + answer.UnprocessedFindings.length + " refused" : "");
  }

  async function invoke(target) {
    const identifiers = selected();
    const answer = await api("POST", "/actionTargets/invoke", { ActionTargetArn: target.ActionTargetArn, FindingIdentifiers: identifiers });
    document.getElementById("status").textContent = "“" + target.Name + "” sent for " + answer.Findings + " findings ("
      + answer.EventIds.length + " events queued for delivery)";
  }

  async function setUp() {
    const caller = await api("GET", "/caller");
    const mayUpdate = caller.Permissions.includes("UPDATE_FINDINGS");
    const mayInvoke = caller.Permissions.includes("INVOKE_ACTIONS");
    document.getElementById("actions").hidden = !(mayUpdate || mayInvoke);
    document.getElementById("set-workflow").hidden = !mayUpdate;
    document.getElementById("new-workflow").parentElement.hidden = !mayUpdate;
    if (mayInvoke) {
      const targets = await api("POST", "/actionTargets/get", {});
      const holder = document.getElementById("action-buttons");
      targets.ActionTargets.forEach(function (target) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "action-target";
        button.textContent = target.Name;
        button.title = target.Description;
        button.addEventListener("click", () => invoke(target).catch(error => window.Muster.showError("invoke " + target.Name, error)));
        holder.appendChild(button);
      });
    }
    document.getElementById("filters").addEventListener("submit", function (event) {
      event.preventDefault();
      load(null);
    });
    document.getElementById("next").addEventListener("click", () => load(nextToken));
    document.getElementById("set-workflow").addEventListener("click", () => setWorkflow().catch(error => window.Muster.showError("update", error)));
    document.getElementById("select-all").addEventListener("change", function (event) {
      shown.forEach((finding, i) => { document.getElementById("pick-" + i).checked = event.target.checked; });
      updateButtons();
    });
    await load(null);
  }

  setUp().catch(error => window.Muster.showError("load the findings page", error));
}());
