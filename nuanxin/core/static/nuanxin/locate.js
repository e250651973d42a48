/* "Use my location": the one script that asks the phone where it is. Pages work without it
   (a town picker, a typed code, a landmark); with it, the markup says what to do:

   <button data-locate="fill" data-locate-clear="town">   fill its form's lat and lon, empty the
       fields named in data-locate-clear, send the form;
   <form data-locate="submit" data-locate-unless="code">  on submit, add the position (lat, lon,
       accuracy_m) first, unless the field named in data-locate-unless is filled; sent either way;
   <button data-locate="event">                            fire "nuanxin:located" on the button,
       with detail {lat, lon, accuracy}, for a script that places a pin (map.js).

   A button is hidden until the phone can locate. Its data-locate-status names the element that
   shows data-locating while asking and data-failed when no position comes. data-locate-precise
   asks for GPS rather than cell towers; data-locate-timeout and data-locate-max-age are in ms. */
(function () {
  "use strict";
  if (!navigator.geolocation) return;

  function ask(el, ok, fail) {
    var d = el.dataset, opts = {enableHighAccuracy: "locatePrecise" in d, timeout: +(d.locateTimeout || 10000)};
    if (d.locateMaxAge) opts.maximumAge = +d.locateMaxAge;
    var status = d.locateStatus && document.getElementById(d.locateStatus);
    if (status && d.locating) status.textContent = d.locating;
    navigator.geolocation.getCurrentPosition(ok, function () {
      if (status && d.failed) status.textContent = d.failed;
      if (fail) fail();
    }, opts);
  }

  function put(form, pos) {
    form.elements.lat.value = pos.coords.latitude.toFixed(6);
    form.elements.lon.value = pos.coords.longitude.toFixed(6);
    if (form.elements.accuracy_m) form.elements.accuracy_m.value = pos.coords.accuracy;
  }

  document.querySelectorAll("button[data-locate]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      ask(b, function (pos) {
        if (b.dataset.locate === "event") {
          b.dispatchEvent(new CustomEvent("nuanxin:located", {detail: {
            lat: pos.coords.latitude, lon: pos.coords.longitude, accuracy: pos.coords.accuracy}}));
          return;
        }
        var f = b.form;
        put(f, pos);
        (b.dataset.locateClear || "").split(" ").forEach(function (name) {
          if (name && f.elements[name]) f.elements[name].value = "";
        });
        f.submit();
      });
    });
  });

  document.querySelectorAll("form[data-locate='submit']").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      var unless = f.dataset.locateUnless && f.elements[f.dataset.locateUnless];
      if (f.dataset.located || (unless && unless.value)) return;
      e.preventDefault();
      ask(f, function (pos) { put(f, pos); f.dataset.located = "1"; f.submit(); },
          function () { f.dataset.located = "1"; f.submit(); });
    });
  });
})();
