// The query page: run the query against /sparql, show results as a table.
// Values are always written with textContent, never as HTML, so a literal holding markup stays text.
"use strict";

(function () {
  const form = document.getElementById("query-form");
  const textarea = document.getElementById("query");
  const select = document.getElementById("example");
  const description = document.getElementById("example-description");
  const status = document.getElementById("status");
  const truncated = document.getElementById("truncated");
  const results = document.getElementById("results");
  const graphResults = document.getElementById("graph-results");
  const downloads = document.getElementById("downloads");
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const base = form.dataset.base;
  const editor = window.parlgraphEditor ? window.parlgraphEditor(textarea) : null;

  const getQuery = () => (editor ? editor.getValue() : textarea.value);
  const setQuery = (text) => (editor ? editor.setValue(text) : (textarea.value = text));

  function chooseExample(name) {
    const example = examples.find((e) => e.name === name);
    if (!example) return;
    setQuery(example.text);
    description.textContent = example.description;
    select.value = name;
  }

  select.addEventListener("change", () => chooseExample(select.value));
  if (location.hash) chooseExample(location.hash.slice(1));

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const link = document.createElement("a");
      link.href = term.value.startsWith(base) ? "/" + term.value.slice(base.length) : term.value;
      link.textContent = term.value;
      td.appendChild(link);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.lang = term["xml:lang"];
    }
    return td;
  }

  function showTable(data) {
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const name of data.head.vars) row.appendChild(cell(binding[name]));
    }
    results.replaceChildren(table);
    status.textContent = data.results.bindings.length + " results";
  }

  function setDownloads(query) {
    for (const format of ["csv", "tsv", "json", "xml"]) {
      const params = new URLSearchParams({ query: query, format: format });
      document.getElementById("download-" + format).href = form.action + "?" + params;
    }
    downloads.hidden = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = getQuery();
    status.textContent = "Running…";
    results.replaceChildren();
    graphResults.hidden = true;
    truncated.hidden = true;
    downloads.hidden = true;
    const response = await fetch(form.action, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: new URLSearchParams({ query: query }),
    });
    const text = await response.text();
    if (!response.ok) {
      status.textContent = "Error " + response.status + ": " + text;
      return;
    }
    const limit = response.headers.get("X-Parlgraph-Truncated");
    if (limit) {
      truncated.textContent = "Only the first results are shown (" + limit + "): add LIMIT/OFFSET or download the dumps for all.";
      truncated.hidden = false;
    }
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) {
        status.textContent = "Answer: " + data.boolean;
      } else {
        showTable(data);
        setDownloads(query);
      }
    } else {
      graphResults.textContent = text;
      graphResults.hidden = false;
      status.textContent = "Graph result (" + type.split(";")[0] + ")";
    }
  });
})();
