// Muster's dashboard, shared by every page: every figure comes from Muster's public API, with the session
// cookie and CSRF token of the sign-in — anything a page shows or does, a script can ask for too.
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

  /** Every page of a paged read, for lists the dashboard shows whole (controls, insights, rules). */
  async function all(method, path, body, listName) {
    const items = [];
    let token = null;
    do {
      let answer;
      if (method === "GET") {
        answer = await api("GET", path + (token ? (path.includes("?") ? "&" : "?") + "NextToken=" + encodeURIComponent(token) : ""));
      } else {
        answer = await api(method, path, Object.assign({}, body, token ? { NextToken: token } : {}));
      }
      items.push(...answer[listName]);
      token = answer.NextToken || null;
    } while (token);
    return items;
  }

  function percent(score) {
    return score === null || score === undefined ? "no data" : score + " %";
  }

  /** An element with attributes and children (strings become text, never HTML). */
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) {
        continue;
      }
      if (name.startsWith("on")) {
        element.addEventListener(name.substring(2), value);
      } else if (name === "text") {
        element.textContent = value;
      } else {
        element.setAttribute(name, value === true ? "" : value);
      }
    }
    for (const child of children.flat()) {
      if (child !== undefined && child !== null) {
        element.append(child instanceof Node ? child : String(child));
      }
    }
    return element;
  }

  /** Fills a table's body: one row per item, one cell per column; a column's value is text or an element. */
  function fill(tableId, rows, columns) {
    const body = document.querySelector("#" + tableId + " tbody");
    body.replaceChildren();
    if (rows.length === 0) {
      body.append(el("tr", {}, el("td", { colspan: columns.length, text: "Nothing to show." })));
      return;
    }
    for (const item of rows) {
      const tr = body.insertRow();
      for (const column of columns) {
        const className = typeof column.className === "function" ? column.className(item) : column.className;
        tr.append(el("td", { class: className }, column.value(item)));
      }
    }
  }

  function showError(what, error) {
    const message = document.getElementById("error");
    message.textContent = "Could not " + what + ": " + error.message;
    message.hidden = false;
  }

  function say(text) {
    document.getElementById("status").textContent = text;
  }

  let callerAnswer = null;

  /** Who is signed in and what their role may do (GET /caller); pages hide what it may not. */
  function caller() {
    callerAnswer = callerAnswer || api("GET", "/caller");
    return callerAnswer;
  }

  async function may(permission) {
    return (await caller()).Permissions.includes(permission);
  }

  /** Runs a page's loader with its main element marked busy until it is done (tests wait for aria-busy=false). */
  function load(mainId, what, loader) {
    const main = document.getElementById(mainId);
    main.setAttribute("aria-busy", "true");
    return Promise.resolve().then(loader).catch(error => showError(what, error))
      .finally(function () {
        main.setAttribute("aria-busy", "false");
        // when the page first showed its data, in ms since the navigation began (the benchmark reads it)
        main.dataset.loadedMs = main.dataset.loadedMs || String(Math.round(performance.now()));
      });
  }

  /** A horizontal bar chart of buttons (keyboard-reachable); pressing a bar calls onPick with its value. */
  function bars(holder, values, onPick) {
    holder.replaceChildren();
    if (values.length === 0) {
      holder.append(el("p", { text: "No findings match." }));
      return;
    }
    const max = Math.max(...values.map(v => v.Count));
    const list = el("ol", { class: "bars" });
    for (const value of values) {
      const label = value.GroupByAttributeValue;
      const bar = el("span", { class: "bar", style: "width:" + Math.max(1, Math.round(100 * value.Count / max)) + "%" });
      const inner = el("span", { class: "bar-label" }, el("span", { class: "bar-name", text: label }), el("span", { class: "bar-count", text: value.Count }));
      const item = onPick
        ? el("button", { type: "button", class: "bar-button", "aria-label": label + ": " + value.Count + " findings", onclick: () => onPick(label) }, bar, inner)
        : el("div", { class: "bar-button" }, bar, inner);
      list.append(el("li", {}, item));
    }
    holder.append(list);
  }

  const PAGES = [["/", "Overview"], ["/findings.html", "Findings"], ["/standards.html", "Standards"], ["/insights.html", "Insights"],
    ["/automation.html", "Automation"]];
  const nav = document.querySelector("header nav");
  for (const [href, name] of PAGES) {
    nav.append(el("a", { href: href, "aria-current": window.location.pathname === href || (href === "/" && window.location.pathname === "/index.html") ? "page" : false, text: name }));
  }

  document.getElementById("sign-out").addEventListener("click", async function () {
    await fetch("/logout", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": csrfToken() } });
    window.location.assign("/login");
  });

  caller().then(function (who) {
    const name = document.getElementById("who");
    if (name) {
      name.textContent = who.Identity + " · " + who.Role + (who.AwsAccountIds.length ? " · accounts " + who.AwsAccountIds.join(", ") : "");
    }
  }).catch(() => undefined);

  window.Muster = { api, all, el, fill, bars, percent, showError, say, caller, may, load };
}());
