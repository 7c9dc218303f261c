// The Bitrix24 page's side of the frame protocol (what the portal's own script does):
// tabs that host apps in iframes named "DOMAIN|PROTOCOL|APP_SID", and answers to their
// messages "COMMAND:JSON_PARAMS:CALLBACK_ID:APP_SID" as "CALLBACK_ID:JSON". Messages from
// any origin but the app's, or with another APP_SID, are ignored. `openApplication` and
// `openPath` open a slider over the page, as Bitrix24 does, and answer when it closes.
(function () {
  'use strict';
  var configEl = document.getElementById('b24-config');
  var config = configEl ? JSON.parse(configEl.textContent) : {};
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

  // --- sliders: a page of the portal over the current one -------------------------------
  // Pages opened in a slider (IFRAME=Y) hand their requests to the topmost page.
  var sliders = [];

  function openSlider(url, title, width, onClose) {
    var overlay = document.createElement('div');
    overlay.className = 'b24-slider';
    var panel = document.createElement('div');
    panel.className = 'b24-slider-panel';
    if (width > 0) panel.style.width = width + 'px';
    var close = document.createElement('button');
    close.className = 'b24-slider-close';
    close.type = 'button';
    close.textContent = '×';
    close.title = title || '';
    var frame = document.createElement('iframe');
    frame.className = 'b24-slider-frame';
    frame.src = url;
    panel.appendChild(close);
    panel.appendChild(frame);
    overlay.appendChild(panel);
    document.body.appendChild(overlay);
    var slider = { overlay: overlay, frame: frame, onClose: onClose };
    sliders.push(slider);
    close.addEventListener('click', function () { closeSlider(slider); });
    overlay.addEventListener('click', function (event) {
      if (event.target === overlay) closeSlider(slider);
    });
    return slider;
  }

  function closeSlider(slider) {
    var at = sliders.indexOf(slider || sliders[sliders.length - 1]);
    if (at < 0) return false;
    var closing = sliders.splice(at, 1)[0];
    closing.overlay.parentNode.removeChild(closing.overlay);
    if (closing.onClose) closing.onClose();
    return true;
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && sliders.length) closeSlider();
  });

  // The page sliders open in: this one, or the one that opened this page in a slider.
  function topPage() {
    try {
      if (window.parent !== window && window.parent.b24Sliders) return window.parent.b24Sliders;
    } catch (e) { /* another origin: this page is the top */ }
    return { open: openSlider, close: closeSlider };
  }
  window.b24Sliders = { open: function (u, t, w, c) { return topPage().open(u, t, w, c); }, close: function (s) { return topPage().close(s); } };

  if (!configEl) return;

  // --- tabs --------------------------------------------------------------------------
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

  function hasTab(tab) {
    return !!document.querySelector('.b24-tab-body[data-tab="' + tab + '"]');
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

  // A link may name the tab: `#app_3` opens that app's tab.
  function tabOfHash() {
    var tab = decodeURIComponent(window.location.hash.replace(/^#/, ''));
    return tab && hasTab(tab) ? tab : null;
  }

  document.addEventListener('click', function (event) {
    var head = event.target.closest && event.target.closest('.b24-tab');
    if (!head) return;
    event.preventDefault();
    var tab = head.getAttribute('data-tab');
    activate(tab);
    if (window.history && window.history.replaceState) {
      var url = window.location.pathname + window.location.search + (tab === 'main' ? '' : '#' + tab);
      window.history.replaceState(null, '', url);
    }
  });

  window.addEventListener('hashchange', function () {
    var tab = tabOfHash();
    if (tab) activate(tab);
  });

  function withKeep(path) {
    return path + (path.indexOf('?') < 0 ? '?' : '&') + config.keep;
  }

  // --- commands answered in the page --------------------------------------------------
  // Paths `openPath` may open, as Bitrix24 allows them.
  var OPEN_PATHS = /^\/(crm\/(deal|lead|contact|company)|marketplace|company\/personal\/user\/[0-9]+|workgroups\/group\/[0-9]+)\//;

  // Handles `command` here when it is a page command: `respond(answer)` answers it (now or
  // later); returns false for commands the server answers.
  function local(def, command, params, respond) {
    switch (command) {
      case 'resizeWindow': {
        var height = parseInt(params && params.height, 10);
        if (!isNaN(height) && height > 0) def.iframe.style.height = height + 'px';
        respond({ width: def.iframe.offsetWidth, height: def.iframe.offsetHeight });
        return true;
      }
      case 'setTitle':
        document.title = String(params && params.title || document.title);
        respond(params);
        return true;
      case 'reloadWindow':
        def.iframe.src = def.src;
        respond(undefined);
        return true;
      case 'setScroll':
        window.scrollTo(0, parseInt(params && params.scroll, 10) || 0);
        respond(undefined);
        return true;
      case 'openPath': {
        var path = String(params && params.path || '');
        if (!OPEN_PATHS.test(path)) {
          respond({ result: 'error', errorCode: 'PATH_NOT_AVAILABLE' });
          return true;
        }
        var from = (path.indexOf('?') < 0 ? '?' : '&') + 'from=rest_placement&from_app=storelink&IFRAME=Y';
        window.b24Sliders.open(withKeep(path + from), '', 0, function () {
          log('openPath closed');
          respond({ result: 'close' });
        });
        return 'later';
      }
      case 'openApplication': {
        // `bx24_*` keys set the slider; the rest become the app's PLACEMENT_OPTIONS.
        var options = {};
        var title = '';
        var width = 0;
        if (params && typeof params === 'object') {
          for (var key in params) {
            if (!Object.prototype.hasOwnProperty.call(params, key)) continue;
            if (key === 'bx24_title') title = String(params[key]);
            else if (key === 'bx24_width') width = parseInt(params[key], 10) || 0;
            else if (key.indexOf('bx24_') !== 0) options[key] = params[key];
          }
        }
        var url = withKeep('/marketplace/app/storelink/?IFRAME=Y&PLACEMENT_OPTIONS=' +
          encodeURIComponent(JSON.stringify(options)));
        window.b24Sliders.open(url, title, width, function () {
          log('openApplication closed');
          respond(undefined);
        });
        return 'later';
      }
      case 'closeApplication':
        // Closes the slider this page is shown in (nothing when it is not in one).
        respond(undefined);
        if (window.parent !== window) setTimeout(function () { window.b24Sliders.close(); }, 0);
        return true;
      default:
        return false;
    }
  }

  function server(def, command, params) {
    return fetch('/_portal/frame/' + def.session, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ command: command, params: params })
    }).then(function (r) { return r.json(); });
  }

  // As Bitrix24: "CALLBACK:" followed by the JSON answer, nothing for an empty answer.
  function reply(def, callback, answer) {
    if (!def.iframe.contentWindow) return;
    def.iframe.contentWindow.postMessage(callback + ':' + (answer === undefined ? '' : JSON.stringify(answer)), def.origin);
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
    var handled = local(def, command, params, function (answer) { reply(def, callback, answer); });
    if (handled) {
      log(command + ' ok');
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

  activate(tabOfHash() || config.openTab || 'main');
})();
