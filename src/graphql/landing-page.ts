/**
 * The page at GET /. Apollo's own landing pages load their code from a CDN, which is unreachable
 * offline and in many corporate networks; this page is self-contained (no external requests).
 */
const EXAMPLE_QUERY = `query Organization {
  organization {
    id
    featureSet
    managementAccountId
    roots { id name policyTypes { type status } }
  }
}`;

// Runs as it is on any organization: CreatePolicy needs no id and no enabled policy type, the
// document goes in a variable (its @@ keys are not GraphQL names), and the idempotency key makes a
// second run return the first result instead of failing on the taken name.
const EXAMPLE_MUTATION = `mutation CreateOptOutPolicy($content: JSON!) {
  createPolicy(input: {
    name: "orgql-example-opt-out"
    description: "Opts every account out of AI services data use (example from the orgql landing page)"
    type: AISERVICES_OPT_OUT_POLICY
    content: $content
    idempotencyKey: "orgql-landing-page-example"
  }) {
    policy { id name type contentHash }
    auditEventId
  }
}`;

const EXAMPLE_VARIABLES = { content: { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } } };

const EXAMPLES = {
  query: { query: EXAMPLE_QUERY, variables: '{}' },
  mutation: { query: EXAMPLE_MUTATION, variables: JSON.stringify(EXAMPLE_VARIABLES, null, 2) },
};

const CURL_QUERY = JSON.stringify({ query: '{ organization { id roots { id name } } }' });

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @param graphqlUrl the endpoint as the reader reaches it (e.g. http://127.0.0.1:4000/graphql), for
 *   the curl line; the page itself posts to the path, so it also works behind a proxy.
 */
export function renderLandingPage(graphqlPath: string, graphqlUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>orgql</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem 1.5rem; color: #1b1f24; }
  h1 { margin-bottom: 0; } .lead { color: #57606a; margin-top: .25rem; }
  code, textarea, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
  textarea { width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #d0d7de; border-radius: 6px; }
  pre { background: #f6f8fa; padding: .75rem; border-radius: 6px; overflow: auto; min-height: 3rem; }
  button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 1px solid #1f883d; background: #1f883d; color: #fff; cursor: pointer; }
  button.secondary { background: #f6f8fa; color: #1b1f24; border-color: #d0d7de; }
  .row { display: flex; gap: .5rem; margin: .5rem 0; flex-wrap: wrap; }
</style>
</head>
<body>
<h1>orgql</h1>
<p class="lead">A GraphQL gateway for AWS Organizations: the org tree, policies and effective policies as one typed API, with every change recorded in an append-only audit log.</p>
<p>GraphQL endpoint: <code>POST ${escapeHtml(graphqlUrl)}</code> (GET works for queries). Health: <code>/healthz</code>, readiness: <code>/readyz</code>.</p>
<p><strong>Every request needs an API key</strong> in an <code>authorization: Bearer &lt;key&gt;</code> header: the admin key <code>npm start</code> printed on its first start, or one made with <code>node bin/orgql.js apikey create --name NAME --role viewer|editor|auditor|admin</code> (or the <code>createApiKey</code> mutation).</p>
<h2>Try it</h2>
<div class="row">
  <button class="secondary" type="button" data-example="query">Example query</button>
  <button class="secondary" type="button" data-example="mutation">Example mutation</button>
</div>
<label for="query">Operation</label>
<textarea id="query" rows="14" spellcheck="false">${escapeHtml(EXAMPLE_QUERY)}</textarea>
<label for="variables">Variables (JSON)</label>
<textarea id="variables" rows="4" spellcheck="false">{}</textarea>
<label for="token">API key (required; sent as <code>authorization: Bearer &lt;key&gt;</code>)</label>
<input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="orgql_..." style="width:100%;box-sizing:border-box;padding:.4rem;border:1px solid #d0d7de;border-radius:6px">
<div class="row"><button id="run" type="button">Run</button></div>
<pre id="result" aria-live="polite"></pre>
<h2>From the command line</h2>
<pre>ORGQL_KEY=orgql_...   # your API key
curl -s ${escapeHtml(graphqlUrl)} -H 'content-type: application/json' \\
  -H "authorization: Bearer $ORGQL_KEY" \\
  -d '${escapeHtml(CURL_QUERY)}'</pre>
<script>
(function () {
  var examples = ${JSON.stringify(EXAMPLES).replace(/</g, '\\u003c')};
  var q = document.getElementById('query'), v = document.getElementById('variables');
  var t = document.getElementById('token'), out = document.getElementById('result');
  document.querySelectorAll('[data-example]').forEach(function (b) {
    b.addEventListener('click', function () {
      var example = examples[b.getAttribute('data-example')];
      q.value = example.query; v.value = example.variables;
    });
  });
  document.getElementById('run').addEventListener('click', function () {
    var variables;
    try { variables = JSON.parse(v.value || '{}'); } catch (e) { out.textContent = 'Variables are not valid JSON: ' + e.message; return; }
    var headers = { 'content-type': 'application/json' };
    if (!t.value.trim()) { out.textContent = 'Enter an API key first: every request needs one.'; return; }
    headers.authorization = 'Bearer ' + t.value.trim();
    out.textContent = 'Running...';
    fetch(${JSON.stringify(graphqlPath)}, { method: 'POST', headers: headers, body: JSON.stringify({ query: q.value, variables: variables }) })
      .then(function (r) { return r.text().then(function (body) { return r.status + ' ' + r.statusText + '\\n' + body; }); })
      .then(function (text) {
        var lines = text.split('\\n'); var status = lines.shift();
        try { out.textContent = status + '\\n' + JSON.stringify(JSON.parse(lines.join('\\n')), null, 2); } catch (e) { out.textContent = text; }
      })
      .catch(function (e) { out.textContent = 'Request failed: ' + e.message; });
  });
})();
</script>
</body>
</html>`;
}
