/**
 * The start the app's page scripts share (daily.js, resolve.js; each served on its own, so each
 * carries it): `meta(name)`, the CSRF `token`, the `labels` of `jingdu-labels` and `el(tag,
 * attrs, text)` and `post(url, body)` (JSON with the token; resolves to `{ok, status, data}`,
 * never rejects on an error status). Inside each script's function, so nothing leaks into the page's globals.
 */
export const CLIENT_PRELUDE = `  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") || "" : "";
  }
  var token = meta("jingdu-token");
  var labels = {};
  try { labels = JSON.parse(meta("jingdu-labels") || "{}"); } catch (e) { labels = {}; }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-jingdu-token": token },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    });
  }
`;
