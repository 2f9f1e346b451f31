// The automation page: outbound targets (with a test send), outbound rules, deliveries with their attempts
// and a redeliver button — for administrators — and the ingest-time automation rules for every reader.
(function () {
  "use strict";
  const M = window.Muster;
  const el = M.el;
  let names = {};
  let olderDeliveries = null;

  function answerOf(delivery) {
    return delivery.LastStatusCode ? "HTTP " + delivery.LastStatusCode : (delivery.LastError || "");
  }

  async function targets() {
    const answer = await M.api("GET", "/outbound/targets");
    names = Object.fromEntries(answer.Targets.map(t => [t.TargetId, t.Name]));
    M.fill("targets", answer.Targets, [
      { value: t => t.Name }, { value: t => t.Kind }, { value: t => t.Url || t.Channel || "", className: "long" },
      { value: t => t.Status + (t.StatusReason ? " — " + t.StatusReason : "") },
      { value: t => el("button", { type: "button", text: "Send a test event", "aria-label": "Send a test event to " + t.Name,
        onclick: () => M.load("automation-page", "test " + t.Name, () => testSend(t)) }) }
    ]);
  }

  /** Sends the test event and waits (up to 15 s) for its delivery to end. */
  async function testSend(target) {
    let delivery = await M.api("POST", "/outbound/targets/" + encodeURIComponent(target.TargetId) + "/test");
    M.say("Test event sent to " + target.Name + ": " + delivery.Status);
    for (let i = 0; i < 30 && delivery.Status === "PENDING"; i++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      delivery = await M.api("GET", "/outbound/deliveries/" + delivery.DeliveryId);
    }
    M.say("Test event to " + target.Name + ": " + delivery.Status + (answerOf(delivery) ? " (" + answerOf(delivery) + ")" : ""));
    await deliveries(null);
  }

  async function rules() {
    const answer = await M.api("GET", "/outbound/rules");
    M.fill("rules", answer.Rules, [
      { value: r => r.Name }, { value: r => el("code", { text: JSON.stringify(r.EventPattern) }) },
      { value: r => r.Targets.map(id => names[id] || id).join(", ") }, { value: r => r.Enabled ? "yes" : "no" }
    ]);
  }

  async function deliveries(token) {
    const status = document.getElementById("delivery-status").value;
    const query = "?MaxResults=25" + (status ? "&Status=" + status : "") + (token ? "&NextToken=" + encodeURIComponent(token) : "");
    const answer = await M.api("GET", "/outbound/deliveries" + query);
    M.fill("deliveries", answer.Deliveries, [
      { value: d => d.CreatedAt }, { value: d => names[d.TargetId] || d.TargetId }, { value: d => d.EventId, className: "long" },
      { value: d => d.Status, className: d => d.Status === "DEAD" ? "failed" : "" }, { value: d => String(d.Attempts), className: "number" },
      { value: answerOf },
      { value: d => d.Status === "PENDING" ? "" : el("button", { type: "button", class: "secondary", text: "Redeliver", "aria-label": "Redeliver " + d.EventId,
        onclick: () => M.load("automation-page", "redeliver", async function () {
          const again = await M.api("POST", "/outbound/deliveries/" + d.DeliveryId + "/redeliver");
          M.say("Redelivery " + again.DeliveryId + " queued to " + (names[again.TargetId] || again.TargetId) + ": " + again.Status);
          await deliveries(null);
        }) }) }
    ]);
    olderDeliveries = answer.NextToken || null;
    document.getElementById("more-deliveries").hidden = !olderDeliveries;
  }

  async function automationRules() {
    const rules = await M.all("GET", "/automationrules/list?MaxResults=100", null, "AutomationRulesMetadata");
    M.fill("automation-rules", rules.sort((a, b) => a.RuleOrder - b.RuleOrder), [
      { value: r => String(r.RuleOrder), className: "number" }, { value: r => r.RuleName }, { value: r => r.RuleStatus },
      { value: r => r.IsTerminal ? "yes" : "no" }, { value: r => r.Description || "" }
    ]);
  }

  M.load("automation-page", "load automation", async function () {
    const admin = await M.may("ADMINISTER");
    document.querySelectorAll("section.admin").forEach(section => { section.hidden = !admin; });
    document.getElementById("admin-only").hidden = admin;
    if (admin) {
      await targets();
      await Promise.all([rules(), deliveries(null)]);
    }
    await automationRules();
  });
  document.getElementById("delivery-filter").addEventListener("submit", function (event) {
    event.preventDefault();
    M.load("automation-page", "load deliveries", () => deliveries(null));
  });
  document.getElementById("more-deliveries").addEventListener("click", () => M.load("automation-page", "load deliveries", () => deliveries(olderDeliveries)));
}());
