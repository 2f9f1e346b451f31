// The standards page: every compliance pack, enabled or not, with its scores; enabling and disabling a
// standard (BatchEnableStandards / BatchDisableStandards); a standard's controls with status, severity and
// failing resources, disabled and enabled again with a reason (UpdateStandardsControl); a control's findings.
(function () {
  "use strict";
  const M = window.Muster;
  const el = M.el;
  let mayAdminister = false;
  let current = null;
  let controls = [];
  let controlArns = {};
  let findingsPage = null;

  async function standards() {
    const [described, enabled, scores] = await Promise.all([
      M.all("GET", "/standards", null, "Standards"),
      M.all("POST", "/standards/get", {}, "StandardsSubscriptions"),
      M.api("GET", "/compliance/scores")
    ]);
    const subscriptions = Object.fromEntries(enabled.map(s => [s.StandardsArn, s]));
    const scoreOf = Object.fromEntries(scores.Standards.map(s => [s.StandardsArn, s]));
    M.fill("standards", described, [
      { value: s => el("button", { type: "button", class: "link", text: s.Name, onclick: () => M.load("standards-page", "load the controls", () => open(s, subscriptions[s.StandardsArn])) }) },
      { value: s => s.StandardsManagedBy.Company },
      { value: s => subscriptions[s.StandardsArn] ? "enabled" : "not enabled" },
      { value: s => scoreOf[s.StandardsArn] ? M.percent(scoreOf[s.StandardsArn].Score) : "", className: "number" },
      { value: s => scoreOf[s.StandardsArn] ? M.percent(scoreOf[s.StandardsArn].WeightedScore) : "", className: "number" },
      { value: s => scoreOf[s.StandardsArn] ? (scoreOf[s.StandardsArn].ControlsByStatus.FAILED || 0) + " failed" : "", className: "number" },
      { value: s => !mayAdminister ? "" : subscriptions[s.StandardsArn]
        ? el("button", { type: "button", class: "secondary", text: "Disable", "aria-label": "Disable " + s.Name,
          onclick: () => act("disable " + s.Name, () => M.api("POST", "/standards/deregister", { StandardsSubscriptionArns: [subscriptions[s.StandardsArn].StandardsSubscriptionArn] }), s.Name + " disabled") })
        : el("button", { type: "button", text: "Enable", "aria-label": "Enable " + s.Name,
          onclick: () => act("enable " + s.Name, () => M.api("POST", "/standards/register", { StandardsSubscriptionRequests: [{ StandardsArn: s.StandardsArn }] }), s.Name + " enabled") }) }
    ]);
    return { described, subscriptions };
  }

  function act(what, call, done) {
    return M.load("standards-page", what, async function () {
      await call();
      const { described, subscriptions } = await standards();
      if (current) {
        const again = described.find(s => s.StandardsArn === current.StandardsArn);
        await open(again, subscriptions[again.StandardsArn]);
      }
      M.say(done);
    });
  }

  async function open(standard, subscription) {
    current = standard;
    const [statuses, described] = await Promise.all([
      M.api("GET", "/compliance/controls?StandardsArn=" + encodeURIComponent(standard.StandardsArn)),
      subscription ? M.all("GET", "/standards/controls/" + subscription.StandardsSubscriptionArn + "?MaxResults=100", null, "Controls") : Promise.resolve([])
    ]);
    const order = ["FAILED", "UNKNOWN", "NO_DATA", "PASSED", "DISABLED"];
    const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW"];
    controls = statuses.Controls.slice().sort((a, b) => order.indexOf(a.Status) - order.indexOf(b.Status)
      || severities.indexOf(a.SeverityRating) - severities.indexOf(b.SeverityRating));
    controlArns = Object.fromEntries(described.map(c => [c.ControlId, c.StandardsControlArn]));
    document.getElementById("controls-section").hidden = false;
    document.getElementById("controls-title").textContent = "Controls of " + standard.Name + (subscription ? "" : " (not enabled)");
    showControls();
  }

  function controlAction(control) {
    const arn = controlArns[control.ControlId];
    if (!mayAdminister || !arn) {
      return control.DisabledReason ? "Disabled: " + control.DisabledReason : "";
    }
    if (control.Status === "DISABLED") {
      return el("span", {}, el("span", { class: "muted", text: control.DisabledReason + " " }),
        el("button", { type: "button", text: "Enable", "aria-label": "Enable " + control.ControlId,
          onclick: () => act("enable " + control.ControlId, () => M.api("PATCH", "/standards/control/" + arn, { ControlStatus: "ENABLED" }),
            control.ControlId + " enabled") }));
    }
    const reason = el("input", { size: 18, maxlength: 1024, "aria-label": "Reason to disable " + control.ControlId, placeholder: "reason", id: "reason-" + control.ControlId });
    return el("span", { class: "row" }, reason, el("button", { type: "button", class: "secondary", text: "Disable", "aria-label": "Disable " + control.ControlId,
      onclick: function () {
        if (!reason.value.trim()) {
          M.showError("disable " + control.ControlId, new Error("give a reason: Security Hub keeps it with the control"));
          reason.focus();
          return;
        }
        act("disable " + control.ControlId, () => M.api("PATCH", "/standards/control/" + arn, { ControlStatus: "DISABLED", DisabledReason: reason.value.trim() }),
          control.ControlId + " disabled");
      } }));
  }

  function showControls() {
    const status = document.getElementById("control-status").value;
    const severity = document.getElementById("control-severity").value;
    const text = document.getElementById("control-text").value.trim().toLowerCase();
    const shown = controls.filter(c => (!status || c.Status === status) && (!severity || c.SeverityRating === severity)
      && (!text || c.ControlId.toLowerCase().includes(text) || c.Title.toLowerCase().includes(text)));
    M.fill("controls", shown, [
      { value: c => el("button", { type: "button", class: "link", text: c.ControlId, "aria-label": "Findings of " + c.ControlId,
        onclick: () => M.load("standards-page", "load the control's findings", () => controlFindings(c, null)) }) },
      { value: c => c.Title },
      { value: c => c.SeverityRating, className: c => "severity-" + c.SeverityRating },
      { value: c => c.Status, className: "status" },
      { value: c => String(c.FailingResources), className: "number" },
      { value: c => String(c.FailedFindings), className: "number" },
      { value: controlAction }
    ]);
  }

  async function controlFindings(control, token) {
    const answer = await M.api("GET", control.FindingsUrl + "&MaxResults=50" + (token ? "&NextToken=" + encodeURIComponent(token) : ""));
    const section = document.getElementById("control-findings-section");
    section.hidden = false;
    document.getElementById("control-findings-title").textContent = "Findings of " + control.ControlId + " — " + control.Title;
    const body = document.querySelector("#control-findings tbody");
    if (!token) {
      body.replaceChildren();
    }
    for (const finding of answer.Findings) {
      body.append(el("tr", {}, el("td", { text: (finding.Compliance || {}).Status || "" }), el("td", { text: finding.Severity.Label }),
        el("td", {}, el("a", { href: "/findings.html?finding=" + encodeURIComponent(finding.Id) + "&product=" + encodeURIComponent(finding.ProductArn), text: finding.Title })),
        el("td", { class: "long", text: finding.Resources.map(r => r.Id).join(", ") }), el("td", { text: finding.AwsAccountId }), el("td", { text: finding.Workflow.Status })));
    }
    if (!token && answer.Findings.length === 0) {
      body.append(el("tr", {}, el("td", { colspan: 6, text: "No finding is linked to this control." })));
    }
    findingsPage = answer.NextToken ? () => controlFindings(control, answer.NextToken) : null;
    document.getElementById("more-control-findings").hidden = !findingsPage;
    section.scrollIntoView();
  }

  M.load("standards-page", "load the standards", async function () {
    mayAdminister = await M.may("ADMINISTER");
    const { described, subscriptions } = await standards();
    const wanted = new URLSearchParams(window.location.search).get("standard");
    const first = described.find(s => s.StandardsArn === wanted);
    if (first) {
      await open(first, subscriptions[first.StandardsArn]);
    }
  });
  document.getElementById("control-filter").addEventListener("input", showControls);
  document.getElementById("control-filter").addEventListener("submit", event => event.preventDefault());
  document.getElementById("more-control-findings").addEventListener("click", () => findingsPage && M.load("standards-page", "load more findings", findingsPage));
}());
