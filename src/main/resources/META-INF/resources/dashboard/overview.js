// The overview: scores (AWS formula and severity-weighted) and their trend, controls by status, active
// findings by severity and workflow, the riskiest resources and accounts, the newest critical findings and,
// for administrators, deliveries that failed.
(function () {
  "use strict";
  const M = window.Muster;
  const el = M.el;
  const SEVERITY_INSIGHT = "arn:aws:securityhub:::insight/securityhub/default/29";
  const ACTIVE = { RecordState: [{ Value: "ACTIVE", Comparison: "EQUALS" }] };
  const COLOURS = ["#0b5394", "#a4161a", "#1b5e20", "#7b3f00", "#5b2a86", "#00695c", "#4a525c"];
  let enabled = [];

  function count(counts, status) {
    return String(counts[status] || 0);
  }

  async function scores() {
    const answer = await M.api("GET", "/compliance/scores");
    enabled = answer.Standards;
    document.getElementById("overall-score").textContent = M.percent(answer.Score);
    document.getElementById("overall-weighted").textContent = M.percent(answer.WeightedScore);
    M.fill("scores", answer.Standards, [
      { value: s => el("a", { href: "/standards.html?standard=" + encodeURIComponent(s.StandardsArn), text: s.Name }) },
      { value: s => M.percent(s.Score), className: "number" },
      { value: s => M.percent(s.WeightedScore), className: "number" },
      { value: s => count(s.ControlsByStatus, "PASSED"), className: "number passed" },
      { value: s => count(s.ControlsByStatus, "FAILED"), className: "number failed" },
      { value: s => count(s.ControlsByStatus, "NO_DATA"), className: "number" },
      { value: s => count(s.ControlsByStatus, "DISABLED"), className: "number" }
    ]);
  }

  async function trend() {
    const days = Number(document.getElementById("trend-window").value);
    const end = new Date();
    const start = new Date(end.getTime() - days * 86400000);
    const who = await M.caller();
    const account = who.AwsAccountIds.length ? "&AwsAccountId=" + encodeURIComponent(who.AwsAccountIds[0]) : "";
    const series = await Promise.all(enabled.map(standard => M.api("GET", "/compliance/scores/history?StandardsArn="
      + encodeURIComponent(standard.StandardsArn) + "&StartTime=" + start.toISOString() + "&EndTime=" + end.toISOString() + account)
      .then(history => ({ name: standard.Name, now: standard.Score, points: history.Snapshots.filter(s => s.Score !== null && s.Score !== undefined) }))));
    const holder = document.getElementById("trend");
    holder.replaceChildren();
    if (series.length === 0) {
      holder.append(el("p", { text: "No standard is enabled." }));
      return;
    }
    const width = 640;
    const height = 170;
    const x = time => 40 + (width - 50) * (new Date(time).getTime() - start.getTime()) / (end.getTime() - start.getTime());
    const y = score => 10 + (height - 30) * (1 - score / 100);
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Score of each standard over the last " + days + " days");
    svg.setAttribute("class", "chart");
    const draw = (tag, attributes, text) => {
      const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
      Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, v));
      if (text !== undefined) {
        node.textContent = text;
      }
      svg.append(node);
    };
    for (const level of [0, 50, 100]) {
      draw("line", { x1: 40, x2: width - 10, y1: y(level), y2: y(level), stroke: "#d3d7dd" });
      draw("text", { x: 4, y: y(level) + 4, "font-size": 11, fill: "#4a525c" }, level + " %");
    }
    draw("text", { x: 40, y: height - 4, "font-size": 11, fill: "#4a525c" }, start.toISOString().substring(0, 10));
    draw("text", { x: width - 80, y: height - 4, "font-size": 11, fill: "#4a525c" }, end.toISOString().substring(0, 10));
    const legend = el("ul", { class: "legend" });
    series.forEach(function (one, i) {
      const colour = COLOURS[i % COLOURS.length];
      const points = one.points.map(p => [x(p.Time), y(p.Score)]);
      if (one.now !== null && one.now !== undefined) {
        points.push([x(end.toISOString()), y(one.now)]);
      }
      if (points.length === 1) {
        points.unshift([40, points[0][1]]);
      }
      if (points.length > 0) {
        draw("polyline", { points: points.map(p => p.join(",")).join(" "), fill: "none", stroke: colour, "stroke-width": 2 });
      }
      const first = one.points.length ? one.points[0].Score : one.now;
      legend.append(el("li", {}, el("span", { class: "swatch", style: "background:" + colour }),
        one.name + ": " + M.percent(first) + " → " + M.percent(one.now) + " (" + one.points.length + " snapshots)"));
    });
    holder.append(svg, legend);
  }

  function findingsLink(filters) {
    return "/findings.html?filters=" + encodeURIComponent(JSON.stringify(filters));
  }

  async function breakdowns() {
    const [severity, workflow] = await Promise.all([
      M.api("GET", "/insights/results/" + SEVERITY_INSIGHT),
      M.api("POST", "/insights/group", { Filters: ACTIVE, GroupByAttribute: "WorkflowStatus" })
    ]);
    const order = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"];
    const bySeverity = severity.InsightResults.ResultValues.slice()
      .sort((a, b) => order.indexOf(a.GroupByAttributeValue) - order.indexOf(b.GroupByAttributeValue));
    M.bars(document.getElementById("by-severity"), bySeverity, value => window.location.assign(findingsLink(Object.assign({}, ACTIVE, {
      SeverityLabel: [{ Value: value, Comparison: "EQUALS" }],
      WorkflowStatus: [{ Value: "NEW", Comparison: "EQUALS" }, { Value: "NOTIFIED", Comparison: "EQUALS" }]
    }))));
    M.bars(document.getElementById("by-workflow"), workflow.ResultValues, value => window.location.assign(findingsLink(Object.assign({}, ACTIVE, {
      WorkflowStatus: [{ Value: value, Comparison: "EQUALS" }]
    }))));
  }

  async function risk() {
    const [resources, accounts, critical] = await Promise.all([
      M.api("POST", "/risk/resources", { MaxResults: 10 }),
      M.api("POST", "/risk/accounts", { MaxResults: 10 }),
      M.api("POST", "/findings", {
        Filters: Object.assign({ SeverityLabel: [{ Value: "CRITICAL", Comparison: "EQUALS" }] }, ACTIVE),
        SortCriteria: [{ Field: "CreatedAt", SortOrder: "desc" }], MaxResults: 8
      })
    ]);
    M.fill("resources", resources.Resources, [
      { value: r => r.ResourceId, className: "long" }, { value: r => r.AwsAccountId },
      { value: r => String(r.MaxPriority), className: "number" }, { value: r => String(r.Findings), className: "number" }
    ]);
    M.fill("accounts", accounts.Accounts, [
      { value: a => a.AwsAccountId }, { value: a => String(a.MaxPriority), className: "number" },
      { value: a => String(a.TotalPriority), className: "number" }, { value: a => String(a.Findings), className: "number" }
    ]);
    const list = document.getElementById("critical");
    list.replaceChildren();
    for (const finding of critical.Findings) {
      list.append(el("li", {}, el("a", {
        href: "/findings.html?finding=" + encodeURIComponent(finding.Id) + "&product=" + encodeURIComponent(finding.ProductArn),
        text: finding.Title
      }), " — " + (finding.AwsAccountName || finding.AwsAccountId) + " (" + finding.CreatedAt + ")"));
    }
    if (critical.Findings.length === 0) {
      list.textContent = "No active critical finding.";
    }
  }

  async function failures() {
    if (!(await M.may("ADMINISTER"))) {
      return;
    }
    const [dead, targets] = await Promise.all([M.api("GET", "/outbound/deliveries?Status=DEAD&MaxResults=10"), M.api("GET", "/outbound/targets")]);
    const names = Object.fromEntries(targets.Targets.map(t => [t.TargetId, t.Name]));
    document.getElementById("failures-section").hidden = dead.Deliveries.length === 0;
    M.fill("failures", dead.Deliveries, [
      { value: d => names[d.TargetId] || d.TargetId }, { value: d => d.EventId, className: "long" }, { value: d => String(d.Attempts), className: "number" },
      { value: d => d.LastStatusCode ? "HTTP " + d.LastStatusCode : (d.LastError || "") }, { value: d => d.CreatedAt }
    ]);
  }

  M.load("overview", "load the overview", async function () {
    await Promise.all([scores().then(trend), breakdowns(), risk(), failures()]);
  });
  document.getElementById("trend-window").addEventListener("change", () => M.load("overview", "load the score trend", trend));
}());
