// The insights page: custom and managed insights; the chosen one's results as a bar chart
// (GetInsightResults); a bar opens the findings behind it — the insight's filters and the bar's value.
(function () {
  "use strict";
  const M = window.Muster;
  const el = M.el;
  let chosen = null;

  function item(insight, custom) {
    return el("li", {}, el("button", { type: "button", class: "link", text: insight.Name, "data-arn": insight.InsightArn,
      onclick: () => M.load("insights-page", "load the insight", () => show(insight, custom)) }));
  }

  async function list() {
    const [custom, managed] = await Promise.all([M.all("POST", "/insights/get", {}, "Insights"), M.api("GET", "/insights/managed")]);
    document.getElementById("custom").replaceChildren(...(custom.length ? custom.map(i => item(i, true)) : [el("li", { text: "None yet." })]));
    document.getElementById("managed").replaceChildren(...managed.Insights.map(i => item(i, false)));
    return custom.concat(managed.Insights);
  }

  function findingsOf(insight, value) {
    const filters = JSON.parse(JSON.stringify(insight.Filters));
    filters[insight.GroupByAttribute] = [{ Value: value, Comparison: "EQUALS" }];
    window.location.assign("/findings.html?filters=" + encodeURIComponent(JSON.stringify(filters)));
  }

  async function show(insight, custom) {
    chosen = insight;
    const answer = await M.api("GET", "/insights/results/" + insight.InsightArn);
    document.getElementById("chart-title").textContent = insight.Name;
    document.getElementById("chart-filters").textContent = "Grouped by " + insight.GroupByAttribute + " · filters " + JSON.stringify(insight.Filters);
    M.bars(document.getElementById("chart"), answer.InsightResults.ResultValues, value => findingsOf(insight, value));
    document.getElementById("delete-insight").hidden = !(custom && await M.may("MANAGE_INSIGHTS"));
    M.say("");
  }

  document.getElementById("delete-insight").addEventListener("click", () => M.load("insights-page", "delete the insight", async function () {
    await M.api("DELETE", "/insights/" + chosen.InsightArn);
    M.say("Deleted “" + chosen.Name + "”.");
    document.getElementById("chart").replaceChildren();
    document.getElementById("delete-insight").hidden = true;
    await list();
  }));

  M.load("insights-page", "load the insights", async function () {
    const all = await list();
    const wanted = new URLSearchParams(window.location.search).get("insight");
    const first = all.find(i => i.InsightArn === wanted) || all[0];
    if (first) {
      await show(first, !first.InsightArn.includes("/securityhub/default/"));
    }
  });
}());
