// Schema browser: lists the subjects of /registry, shows a version pretty-printed and the line difference
// between two versions. Plain browser JavaScript, no libraries, no build step.
(function () {
  'use strict';

  var API = '/registry';
  var current = { subject: null, schemas: {} };

  function el(id) { return document.getElementById(id); }

  function headers() {
    var token = el('token').value.trim() || sessionStorage.getItem('registry-token') || '';
    var result = { 'Accept': 'application/vnd.schemaregistry.v1+json' };
    if (token) { result['Authorization'] = 'Bearer ' + token; }
    return result;
  }

  function get(path) {
    return fetch(API + path, { headers: headers() }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error((body && body.message ? body.message : 'HTTP ' + response.status)
            + (body && body.error_code ? ' (' + body.error_code + ')' : ''));
        }
        return body;
      });
    });
  }

  function showError(error) { el('error').textContent = error ? String(error.message || error) : ''; }

  // Confluent's TopicNameStrategy: <topic>-key and <topic>-value.
  function topicOf(subject) {
    var match = /^(.*)-(key|value)$/.exec(subject);
    return match ? { topic: match[1], part: match[2] } : { topic: '', part: '' };
  }

  function pretty(schemaText) {
    try { return JSON.stringify(JSON.parse(schemaText), null, 2); } catch (e) { return schemaText; }
  }

  function option(select, value) {
    var o = document.createElement('option');
    o.value = value; o.textContent = value;
    select.appendChild(o);
  }

  function loadSubjects() {
    showError(null);
    var token = el('token').value.trim();
    if (token) { sessionStorage.setItem('registry-token', token); }
    return get('/subjects').then(function (subjects) {
      var body = el('subjects').tBodies[0];
      body.textContent = '';
      return Promise.all(subjects.map(function (subject) {
        return get('/subjects/' + encodeURIComponent(subject) + '/versions').then(function (versions) {
          return { subject: subject, versions: versions };
        });
      })).then(function (rows) {
        rows.forEach(function (row) {
          var tr = document.createElement('tr');
          tr.className = 'subject';
          tr.dataset.subject = row.subject;
          var names = topicOf(row.subject);
          [row.subject, names.topic, names.part, row.versions.join(', ')].forEach(function (text) {
            var td = document.createElement('td');
            td.textContent = text;
            tr.appendChild(td);
          });
          tr.addEventListener('click', function () { selectSubject(row.subject, row.versions); });
          body.appendChild(tr);
        });
      });
    }).catch(showError);
  }

  function selectSubject(subject, versions) {
    showError(null);
    current = { subject: subject, schemas: {} };
    Array.prototype.forEach.call(document.querySelectorAll('tr.subject'), function (tr) {
      tr.classList.toggle('selected', tr.dataset.subject === subject);
    });
    el('subject-title').textContent = subject;
    ['version', 'diff-from', 'diff-to'].forEach(function (id) {
      var select = el(id);
      select.textContent = '';
      versions.forEach(function (v) { option(select, v); });
    });
    var latest = versions[versions.length - 1];
    el('version').value = latest;
    el('diff-from').value = versions.length > 1 ? versions[versions.length - 2] : latest;
    el('diff-to').value = latest;
    el('diff').textContent = '';
    el('detail').hidden = false;
    return showVersion(latest);
  }

  function fetchVersion(version) {
    if (current.schemas[version]) { return Promise.resolve(current.schemas[version]); }
    return get('/subjects/' + encodeURIComponent(current.subject) + '/versions/' + version).then(function (body) {
      current.schemas[version] = body;
      return body;
    });
  }

  function showVersion(version) {
    return fetchVersion(version).then(function (body) {
      el('version-info').textContent = 'id ' + body.id;
      el('schema').textContent = pretty(body.schema);
    }).catch(showError);
  }

  // Longest common subsequence of lines: small schemas, so the quadratic table is fine.
  function diffLines(a, b) {
    var n = a.length, m = b.length, i, j;
    var table = [];
    for (i = 0; i <= n; i++) { table.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var out = [];
    i = 0; j = 0;
    while (i < n && j < m) {
      if (a[i] === b[j]) { out.push({ kind: ' ', text: a[i] }); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) { out.push({ kind: '-', text: a[i] }); i++; }
      else { out.push({ kind: '+', text: b[j] }); j++; }
    }
    for (; i < n; i++) { out.push({ kind: '-', text: a[i] }); }
    for (; j < m; j++) { out.push({ kind: '+', text: b[j] }); }
    return out;
  }

  function showDiff() {
    showError(null);
    var from = el('diff-from').value, to = el('diff-to').value;
    return Promise.all([fetchVersion(from), fetchVersion(to)]).then(function (pair) {
      var lines = diffLines(pretty(pair[0].schema).split('\n'), pretty(pair[1].schema).split('\n'));
      var pre = el('diff');
      pre.textContent = '';
      lines.forEach(function (line) {
        var span = document.createElement('span');
        span.className = line.kind === '+' ? 'added' : line.kind === '-' ? 'removed' : 'same';
        span.textContent = line.kind + ' ' + line.text + '\n';
        pre.appendChild(span);
      });
    }).catch(showError);
  }

  el('reload').addEventListener('click', loadSubjects);
  el('version').addEventListener('change', function () { showVersion(el('version').value); });
  el('diff-button').addEventListener('click', showDiff);
  loadSubjects();
}());
