// The Bitrix24 page's side of the frame protocol (what the portal's own script does):
// tabs that host apps in iframes named "DOMAIN|PROTOCOL|APP_SID", and answers to their
// messages "COMMAND:JSON_PARAMS:CALLBACK_ID:APP_SID" as "CALLBACK_ID:JSON". Messages from
// any origin but the app's, or with another APP_SID, are ignored.
(function () {
  'use strict';
  var configEl = document.getElementById('b24-config');
  if (!configEl) return;
  var config = JSON.parse(configEl.textContent);
  var frames = config.frames || [];

  function log(line) {
    var el = document.getElementById('b24-frame-log');
    if (!el) {
      el = document.createElement('pre');
      el.id = 'b24-frame-log';
      el.hidden = true;
      document.body.appendChild(el);
    }
    el.textContent += line + '\n';
  }

  function frameFor(tab) {
    for (var i = 0; i < frames.length; i++) if (frames[i].tab === tab) return frames[i];
    return null;
  }

  function mount(def, container) {
    if (def.iframe) return;
    var iframe = document.createElement('iframe');
    iframe.name = def.name;
    iframe.src = def.src;
    iframe.className = 'b24-app-frame';
    iframe.setAttribute('allow', 'clipboard-write');
    container.appendChild(iframe);
    def.iframe = iframe;
  }

  function activate(tab) {
    var heads = document.querySelectorAll('.b24-tab');
    for (var i = 0; i < heads.length; i++) heads[i].classList.toggle('active', heads[i].getAttribute('data-tab') === tab);
    var bodies = document.querySelectorAll('.b24-tab-body');
    for (var j = 0; j < bodies.length; j++) {
      var show = bodies[j].getAttribute('data-tab') === tab;
      bodies[j].hidden = !show;
      var def = frameFor(tab);
      if (show && def) mount(def, bodies[j]);
    }
  }

  document.addEventListener('click', function (event) {
    var head = event.target.closest && event.target.closest('.b24-tab');
    if (!head) return;
    event.preventDefault();
    activate(head.getAttribute('data-tab'));
  });

  function withKeep(path) {
    return path + (path.indexOf('?') < 0 ? '?' : '&') + config.keep;
  }

  function local(def, command, params) {
    switch (command) {
      case 'resizeWindow': {
        var height = parseInt(params && params.height, 10);
        if (!isNaN(height) && height > 0) def.iframe.style.height = height + 'px';
        return { width: def.iframe.offsetWidth, height: def.iframe.offsetHeight };
      }
      case 'setTitle':
        document.title = String(params && params.title || document.title);
        return {};
      case 'reloadWindow':
        def.iframe.src = def.src;
        return {};
      case 'setScroll':
        window.scrollTo(0, parseInt(params && params.scroll, 10) || 0);
        return {};
      case 'openPath': {
        var path = String(params && params.path || '');
        if (path.charAt(0) !== '/' || path.charAt(1) === '/') return { result: 'error', errorCode: 'PATH_NOT_AVAILABLE' };
        setTimeout(function () { window.location.href = withKeep(path); }, 0);
        return { result: 'success' };
      }
      default:
        return undefined;
    }
  }

  function server(def, command, params) {
    return fetch('/_portal/frame/' + def.session, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ command: command, params: params })
    }).then(function (r) { return r.json(); });
  }

  function reply(def, callback, answer) {
    def.iframe.contentWindow.postMessage(callback + ':' + JSON.stringify(answer === undefined ? null : answer), def.origin);
  }

  window.addEventListener('message', function (event) {
    var def = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe && frames[i].iframe.contentWindow === event.source) def = frames[i];
    }
    if (!def || event.origin !== def.origin || typeof event.data !== 'string') return;
    var parts = event.data.split(':');
    if (parts.length < 3) return;
    var command = parts[0];
    var sid = parts[parts.length - 1];
    var callback = parts[parts.length - 2];
    var raw = parts.slice(1, parts.length - 2).join(':');
    if (sid !== def.sid) return;
    var params = {};
    if (raw) {
      try { params = JSON.parse(raw); } catch (e) { params = raw; }
    }
    var answer = local(def, command, params);
    if (answer !== undefined) {
      log(command + ' ok');
      reply(def, callback, answer);
      return;
    }
    server(def, command, params).then(function (answer) {
      log(command + (answer && answer.error ? ' error ' + answer.error : ' ok'));
      reply(def, callback, answer);
      if (command === 'setInstallFinish' && answer === true && def.reloadOnInstall) {
        setTimeout(function () { window.location.reload(); }, 100);
      }
    });
  });

  activate(config.openTab || 'main');
})();
