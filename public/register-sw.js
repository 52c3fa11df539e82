// Registers the service worker and tells the app (window event "starbranch:update") when a new
// version has been installed and is waiting; window.starbranchApplyUpdate() switches to it.
(function () {
  if (!('serviceWorker' in navigator)) return;
  // Reload only when the user asked for the new version: the first install also changes the
  // controller (clients.claim), and reloading then would throw away whatever is being typed.
  let requested = false;
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (!requested) return;
    requested = false;
    window.location.reload();
  });
  function announce(registration) {
    window.starbranchApplyUpdate = function () {
      if (!registration.waiting) return;
      requested = true;
      registration.waiting.postMessage('skip-waiting');
    };
    window.starbranchUpdateReady = true;
    window.dispatchEvent(new Event('starbranch:update'));
  }
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js').then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration);
      registration.addEventListener('updatefound', function () {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(registration);
        });
      });
      // Kiosks run for days: look for a new version every hour.
      setInterval(function () { registration.update(); }, 3600 * 1000);
    });
  });
})();
