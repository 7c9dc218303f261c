// A minimal Bitrix24 app speaking the frame protocol, the way the official libraries do:
// messages "COMMAND:JSON:CALLBACK:APP_SID" to the portal's origin, answers "CALLBACK:JSON".
(function () {
  var parts = (window.name || '').split('|');
  var domain = parts[0], protocol = parts[1], sid = parts[2];
  var origin = (protocol === '1' ? 'https://' : 'http://') + domain;
  var waiting = {};
  var counter = 0;

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var text = String(event.data);
    var at = text.indexOf(':');
    var id = at < 0 ? text : text.slice(0, at);
    var body = at < 0 ? '' : text.slice(at + 1);
    var done = waiting[id];
    if (!done) return;
    delete waiting[id];
    done(body ? JSON.parse(body) : null);
  });

  function send(command, params) {
    return new Promise(function (resolve) {
      var id = 'cb' + (++counter);
      waiting[id] = resolve;
      var list = [params ? JSON.stringify(params) : '', id, sid].filter(Boolean);
      parent.postMessage(command + ':' + list.join(':'), origin);
    });
  }
  window.bx = { send: send };

  function show(id, text) {
    var el = document.getElementById(id);
    if (el) el.textContent = text;
  }

  window.finishInstall = function () {
    send('getInitData').then(function (init) {
      return send('setInstallFinish', {});
    }).then(function () { show('state', 'Installed'); });
  };

  if (document.getElementById('deal')) {
    var initData = null;
    send('getInitData').then(function (init) {
      initData = init;
      show('deal', init.PLACEMENT_OPTIONS && init.PLACEMENT_OPTIONS.ID || '(none: ' + init.PLACEMENT + ')');
      show('admin', String(init.IS_ADMIN));
      show('lang', init.LANG);
      show('options', JSON.stringify(init.APP_OPTIONS));
      var url = origin + init.PATH + '/profile.json';
      var body = 'auth=' + encodeURIComponent(init.AUTH_ID);
      fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body })
        .then(function (r) { return r.json(); })
        .then(function (j) { show('user', j.result ? j.result.NAME + ' ' + j.result.LAST_NAME : 'error'); show('rest', j.result ? 'ok' : j.error); })
        .catch(function (e) { show('rest', 'failed: ' + e); });
      return send('setAppOption', { name: 'demo_opened', value: 'yes' });
    }).then(function (answer) {
      show('option-write', answer && answer.error ? 'refused: ' + answer.error : 'saved');
      return send('resizeWindow', { width: '100%', height: 321 });
    }).then(function () {
      // Test hooks: with the app option `demo_open_application` the tab opens the app's page
      // in a slider, and the page opened that way (`{demo: "close"}`) closes it again.
      var options = initData.PLACEMENT_OPTIONS || {};
      if (initData.PLACEMENT === 'DEFAULT' && options.demo === 'close') {
        return send('closeApplication');
      }
      if (initData.PLACEMENT !== 'DEFAULT' && initData.APP_OPTIONS && initData.APP_OPTIONS.demo_open_application) {
        show('slider', 'open');
        // `"stay"` keeps the slider open (to look at it).
        var demo = initData.APP_OPTIONS.demo_open_application === 'stay' ? 'stay' : 'close';
        return send('openApplication', { demo: demo, bx24_title: 'Demo' }).then(function () {
          show('slider', 'closed');
        });
      }
    });
  }
})();
