// The findings page: GetFindings with the common filters, sort and paging; selection; BatchUpdateFindings
// for workflow, severity and notes; one button per custom action target (InvokeActionTarget) with the
// delivery status of what it sent; a finding's detail (JSON, history, duplicates, related findings); and
// the filters saved as a custom insight. Controls a role may not use are not shown.
(function () {
  "use strict";
  const M = window.Muster;
  const el = M.el;
  const params = new URLSearchParams(window.location.search);
  let baseFilters = parseBase(params.get("filters"));
  let nextToken = null;
  let shown = [];

  function parseBase(text) {
    if (!text) {
      return {};
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      M.showError("read the filters of the link", error);
      return {};
    }
  }

  function eq(value) {
    return [{ Value: value, Comparison: "EQUALS" }];
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  /** The filters of the link (a chart's bar, an insight) with the form's on top. */
  function filters() {
    const result = Object.assign({}, baseFilters);
    const simple = [["severity", "SeverityLabel", "EQUALS"], ["workflow", "WorkflowStatus", "EQUALS"], ["record-state", "RecordState", "EQUALS"],
      ["compliance", "ComplianceStatus", "EQUALS"], ["product", "ProductName", "CONTAINS"], ["account", "AwsAccountId", "EQUALS"],
      ["region", "Region", "EQUALS"], ["resource", "ResourceId", "CONTAINS"], ["type", "Type", "PREFIX"], ["title", "Title", "CONTAINS"]];
    for (const [id, attribute, comparison] of simple) {
      const text = value(id);
      if (text) {
        result[attribute] = [{ Value: text, Comparison: comparison }];
      }
    }
    return result;
  }

  function selected() {
    return shown.filter((finding, i) => document.getElementById("pick-" + i).checked)
      .map(finding => ({ Id: finding.Id, ProductArn: finding.ProductArn }));
  }

  function updateButtons() {
    const none = selected().length === 0;
    document.querySelectorAll("#actions button").forEach(button => { button.disabled = none; });
  }

  async function load(token) {
    await M.load("findings-page", "load findings", async function () {
      const body = { Filters: filters(), MaxResults: 50, SortCriteria: [{ Field: value("sort"), SortOrder: value("sort") === "Title" ? "asc" : "desc" }], Correlation: true };
      if (token) {
        body.NextToken = token;
      }
      const answer = await M.api("POST", "/findings", body);
      shown = answer.Findings;
      nextToken = answer.NextToken || null;
      const tbody = document.querySelector("#findings tbody");
      tbody.replaceChildren();
      shown.forEach(function (finding, i) {
        const box = el("input", { type: "checkbox", id: "pick-" + i, "aria-label": "Select " + finding.Title, onchange: updateButtons });
        const title = el("button", { type: "button", class: "link", text: finding.Title, onclick: () => openDetail(finding.Id, finding.ProductArn) });
        tbody.append(el("tr", {}, el("td", {}, box),
          el("td", { class: "number", text: finding.MusterCorrelation ? finding.MusterCorrelation.Priority : "" }),
          el("td", { class: "severity-" + finding.Severity.Label, text: finding.Severity.Label }), el("td", {}, title),
          el("td", { text: finding.AwsAccountName ? finding.AwsAccountName + " (" + finding.AwsAccountId + ")" : finding.AwsAccountId }),
          el("td", { text: finding.Region }), el("td", { text: finding.ProductName }),
          el("td", { text: finding.Workflow.Status }), el("td", { text: finding.UpdatedAt })));
      });
      if (shown.length === 0) {
        tbody.append(el("tr", {}, el("td", { colspan: 9, text: "No finding matches these filters." })));
      }
      M.say(shown.length + " findings" + (nextToken ? " (more on the next page)" : ""));
      document.getElementById("next").hidden = !nextToken;
      document.getElementById("first").hidden = !token;
      document.getElementById("select-all").checked = false;
      updateButtons();
    });
  }

  function outcome(answer, what) {
    return what + " on " + answer.ProcessedFindings.length + " findings"
      + (answer.UnprocessedFindings.length ? "; " + answer.UnprocessedFindings.length + " refused: " + answer.UnprocessedFindings[0].ErrorMessage : "");
  }

  async function update(change, what) {
    const identifiers = selected();
    const who = await M.caller();
    if (change.Note) {
      change.Note.UpdatedBy = who.Identity;
    }
    const answer = await M.api("PATCH", "/findings/batchupdate", Object.assign({ FindingIdentifiers: identifiers }, change));
    await load(null);
    M.say(outcome(answer, what));
  }

  /** Follows the events an action sent until every delivery has ended (or 30 s have passed). */
  async function follow(eventIds) {
    const list = document.getElementById("deliveries");
    for (let round = 0; round < 30; round++) {
      const answers = await Promise.all(eventIds.map(id => M.api("GET", "/outbound/events/" + encodeURIComponent(id) + "/deliveries")));
      const byTarget = {};
      answers.flatMap(a => a.Deliveries).forEach(function (delivery) {
        const counts = byTarget[delivery.TargetName] = byTarget[delivery.TargetName] || { PENDING: 0, DELIVERED: 0, DEAD: 0 };
        counts[delivery.Status]++;
      });
      list.replaceChildren(...Object.entries(byTarget).map(([target, counts]) =>
        el("li", { class: counts.DEAD ? "failed" : "" }, target + ": " + counts.DELIVERED + " delivered, " + counts.PENDING + " pending, "
          + counts.DEAD + " failed")));
      if (Object.keys(byTarget).length === 0) {
        list.replaceChildren(el("li", { text: "No outbound rule sends this action's events anywhere yet." }));
      }
      if (Object.values(byTarget).every(counts => counts.PENDING === 0) && (Object.keys(byTarget).length > 0 || round >= 2)) {
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }

  async function invoke(target) {
    const answer = await M.api("POST", "/actionTargets/invoke", { ActionTargetArn: target.ActionTargetArn, FindingIdentifiers: selected() });
    M.say("“" + target.Name + "” sent for " + answer.Findings + " findings (" + answer.EventIds.length + " events queued for delivery)");
    await follow(answer.EventIds);
  }

  function identifierLink(identifier, text) {
    return el("a", { href: "/findings.html?finding=" + encodeURIComponent(identifier.Id) + "&product=" + encodeURIComponent(identifier.ProductArn),
      text: text || identifier.Id });
  }

  async function openDetail(id, productArn) {
    await M.load("findings-page", "load the finding", async function () {
      const identifier = { Id: id, ProductArn: productArn };
      const [found, history, related] = await Promise.all([
        M.api("POST", "/findings", { Filters: { Id: eq(id), ProductArn: eq(productArn) }, Correlation: true, MaxResults: 1 }),
        M.api("POST", "/findingHistory/get", { FindingIdentifier: identifier, MaxResults: 100 }),
        M.api("POST", "/graph/related", { FindingIdentifier: identifier, MaxResults: 20 }).catch(() => ({ Findings: [] }))
      ]);
      if (found.Findings.length === 0) {
        throw new Error("Finding " + id + " is not stored, or not in your accounts");
      }
      const finding = found.Findings[0];
      const section = document.getElementById("detail");
      section.hidden = false;
      document.getElementById("detail-title").textContent = finding.Title;
      const correlation = finding.MusterCorrelation || {};
      document.getElementById("detail-summary").textContent = finding.Severity.Label + " · priority " + (correlation.Priority ?? "") + " · "
        + (finding.AwsAccountName ? finding.AwsAccountName + " (" + finding.AwsAccountId + ")" : finding.AwsAccountId) + " · " + finding.ProductName + " · workflow " + finding.Workflow.Status + " · " + finding.RecordState;
      document.getElementById("detail-json").textContent = JSON.stringify(finding, null, 2);
      document.getElementById("history").replaceChildren(...history.Records.map(record => el("li", {},
        record.UpdateTime + " — " + (record.FindingCreated ? "created" : record.Updates.map(u => u.UpdatedField + ": " + (u.OldValue ?? "(none)") + " → " + (u.NewValue ?? "(none)")).join("; "))
        + " (" + record.UpdateSource.Type + " " + record.UpdateSource.Identity + ")")));
      const duplicates = (finding.RelatedFindings || []).filter(() => (correlation.GroupSize || 0) > 1);
      document.getElementById("duplicates").replaceChildren(...(duplicates.length
        ? duplicates.map(d => el("li", {}, identifierLink(d), correlation.Primary && correlation.Primary.Id === d.Id ? " (primary)" : ""))
        : [el("li", { text: "No duplicate: no other finding has this fingerprint." })]));
      document.getElementById("related").replaceChildren(...(related.Findings.length
        ? related.Findings.map(r => el("li", {}, identifierLink(r, r.Title), " — priority " + r.Priority + ", shares "
          + r.SharedEntities.map(e => e.Kind + " " + e.Value).join(", ")))
        : [el("li", { text: "No other finding shares a resource, principal or address with this one." })]));
      section.scrollIntoView();
      document.getElementById("detail-title").setAttribute("tabindex", "-1");
      document.getElementById("detail-title").focus();
    });
  }

  async function saveInsight(event) {
    event.preventDefault();
    const name = value("insight-name");
    const answer = await M.api("POST", "/insights", { Name: name, Filters: filters(), GroupByAttribute: value("insight-group") });
    document.getElementById("status").replaceChildren("Saved the insight “" + name + "”: ",
      el("a", { href: "/insights.html?insight=" + encodeURIComponent(answer.InsightArn), text: "see its chart" }), ".");
  }

  async function setUp() {
    const who = await M.caller();
    const mayUpdate = who.Permissions.includes("UPDATE_FINDINGS");
    const mayInvoke = who.Permissions.includes("INVOKE_ACTIONS");
    document.getElementById("actions").hidden = !(mayUpdate || mayInvoke);
    document.getElementById("update-controls").hidden = !mayUpdate;
    document.getElementById("save-insight").hidden = !who.Permissions.includes("MANAGE_INSIGHTS");
    if (mayInvoke) {
      const targets = await M.all("POST", "/actionTargets/get", {}, "ActionTargets");
      document.getElementById("action-buttons").append(...targets.map(target => el("button", {
        type: "button", class: "action-target", title: target.Description, text: target.Name,
        onclick: () => invoke(target).catch(error => M.showError("invoke " + target.Name, error))
      })));
    }
    if (Object.keys(baseFilters).length) {
      document.getElementById("base-filter").hidden = false;
      document.getElementById("base-filter-text").textContent = JSON.stringify(baseFilters);
      if (baseFilters.RecordState) {
        document.getElementById("record-state").value = "";
      }
    }
    document.getElementById("clear-base").addEventListener("click", function () {
      baseFilters = {};
      document.getElementById("base-filter").hidden = true;
      load(null);
    });
    document.getElementById("filters").addEventListener("submit", function (event) {
      event.preventDefault();
      load(null);
    });
    document.getElementById("save-insight").addEventListener("submit", e => saveInsight(e).catch(error => M.showError("save the insight", error)));
    document.getElementById("next").addEventListener("click", () => load(nextToken));
    document.getElementById("first").addEventListener("click", () => load(null));
    document.getElementById("set-workflow").addEventListener("click", () => update({ Workflow: { Status: value("new-workflow") } },
      "Workflow " + value("new-workflow") + " set").catch(error => M.showError("update", error)));
    document.getElementById("set-severity").addEventListener("click", () => update({ Severity: { Label: value("new-severity") } },
      "Severity " + value("new-severity") + " set").catch(error => M.showError("update", error)));
    document.getElementById("add-note").addEventListener("click", () => update({ Note: { Text: value("note") } }, "Note added")
      .catch(error => M.showError("add the note", error)));
    document.getElementById("close-detail").addEventListener("click", () => { document.getElementById("detail").hidden = true; });
    document.getElementById("select-all").addEventListener("change", function (event) {
      shown.forEach((finding, i) => { document.getElementById("pick-" + i).checked = event.target.checked; });
      updateButtons();
    });
    await load(null);
    if (params.get("finding") && params.get("product")) {
      await openDetail(params.get("finding"), params.get("product"));
    }
  }

  M.load("findings-page", "load the findings page", setUp);
}());
