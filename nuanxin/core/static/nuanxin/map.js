/* Nuanxin maps: Leaflet laid over pages that work without it (progressive enhancement).
   - Map pages (#map): every li[data-lat] of ol#pins becomes a numbered pin whose popup links
     to the same page as the list item. The list stays on the page, so when the tiles cannot
     load (or this script does not run) everything is still there.
   - Gig posting (#pin-map): a tap drops the workplace pin into the hidden pin_lat/pin_lon
     fields, in the tiles' own datum; the server shifts GCJ-02 back to WGS-84 (core/geo.py).
   The settings arrive as data-* attributes (core/templatetags/maps.py): no inline script. */
(function () {
  "use strict";

  // WGS-84 → GCJ-02, the same public approximation (Krasovsky 1940 ellipsoid) as
  // nuanxin/core/geo.py wgs84_to_gcj02; nuanxin/tests/test_browser_map.py checks that the
  // two agree. Change both or neither.
  var A = 6378245.0, EE = 0.00669342162296594323, PI = Math.PI;

  function outOfChina(lat, lon) {
    return !(lon > 73.66 && lon < 135.05 && lat > 3.86 && lat < 53.55);
  }

  function transformLat(x, y) {
    var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * PI) + 320 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
    return r;
  }

  function transformLon(x, y) {
    var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
    return r;
  }

  function wgs84ToGcj02(lat, lon) {
    if (outOfChina(lat, lon)) return [lat, lon];
    var dlat = transformLat(lon - 105.0, lat - 35.0), dlon = transformLon(lon - 105.0, lat - 35.0);
    var radlat = lat / 180.0 * PI, magic = 1 - EE * Math.sin(radlat) * Math.sin(radlat);
    var sqrtmagic = Math.sqrt(magic);
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sqrtmagic) * PI);
    dlon = (dlon * 180.0) / (A / sqrtmagic * Math.cos(radlat) * PI);
    return [lat + dlat, lon + dlon];
  }

  // For the tests (and a curious reader's console): the maths and the maps on this page.
  window.nuanxinGeo = {wgs84ToGcj02: wgs84ToGcj02, maps: []};
  if (!window.L) return;

  function text(s) {  // the attribution setting is plain text; Leaflet inserts HTML
    var d = document.createElement("div");
    d.textContent = s || "";
    return d.innerHTML;
  }

  // A Leaflet map on el with the configured tiles; show(lat, lon) turns a stored WGS-84
  // point into the tiles' datum. A status line says so when no tile loads.
  function baseMap(el) {
    var gcj = el.getAttribute("data-gcj02") === "1";
    var status = document.getElementById(el.id + "-status"), loaded = 0;
    el.hidden = false;
    var map = L.map(el, {zoomControl: false});
    L.control.zoom({zoomInTitle: el.getAttribute("data-zoom-in"),
                    zoomOutTitle: el.getAttribute("data-zoom-out")}).addTo(map);
    var tiles = L.tileLayer(el.getAttribute("data-tiles"), {
      subdomains: el.getAttribute("data-subdomains") || "abc", maxZoom: 18,
      attribution: text(el.getAttribute("data-attribution"))
    });
    tiles.on("tileload", function () {
      loaded += 1;
      el.classList.remove("no-tiles");
      if (status) status.textContent = "";
    });
    tiles.on("tileerror", function () {
      if (loaded) return;
      el.classList.add("no-tiles");
      if (status && !status.textContent) status.textContent = el.getAttribute("data-no-tiles");
    });
    tiles.addTo(map);
    window.nuanxinGeo.maps.push(map);
    el.setAttribute("data-ready", "1");
    return {
      map: map,
      show: function (lat, lon) { return gcj ? wgs84ToGcj02(lat, lon) : [lat, lon]; }
    };
  }

  function pinsMap(el) {
    var m = baseMap(el), items = document.querySelectorAll("#pins > li[data-lat]");
    var points = Array.prototype.map.call(items, function (li) {
      return m.show(parseFloat(li.getAttribute("data-lat")), parseFloat(li.getAttribute("data-lon")));
    });
    // The view first: Leaflet puts a marker's element in the page only once the map has one.
    if (points.length) {
      m.map.fitBounds(points, {padding: [30, 30], maxZoom: 15});
    } else {
      var c = (el.getAttribute("data-centre") || "31.38,120.98").split(",");
      m.map.setView(m.show(parseFloat(c[0]), parseFloat(c[1])), 11);
    }
    Array.prototype.forEach.call(items, function (li, i) {
      var link = li.querySelector("a"), name = link.textContent.trim(), n = String(i + 1);
      // Pins are for fingers and mice. Keyboards and screen readers have the same links, with
      // the same numbers, in the list below (pins may overlap when zoomed out, which a list never does).
      var marker = L.marker(points[i], {
        icon: L.divIcon({className: "pin", html: "<span>" + n + "</span>", iconSize: [36, 36]}),
        title: n + ". " + name, riseOnHover: true, keyboard: false
      }).addTo(m.map);
      var popup = document.createElement("div"), copy = link.cloneNode(true);
      copy.removeAttribute("id");
      popup.appendChild(copy);
      var where = li.querySelector(".meta");
      if (where) popup.appendChild(where.cloneNode(true));
      marker.bindPopup(popup);
    });
  }

  function pickMap(el) {
    document.getElementById("pin-picker").hidden = false;
    var f = el.closest("form").elements, marker = null, m = baseMap(el);
    var known = JSON.parse(document.getElementById("map-places").textContent);
    var clear = document.getElementById("clear-pin"), locate = document.getElementById("use-location");
    var status = document.getElementById(el.id + "-status");

    function centre() {
      var lm = known.landmarks[f.landmark.value], town = known.towns[f.town.value];
      var p = lm || town || known.city;
      m.map.setView(m.show(p[0], p[1]), lm ? 16 : (town ? 14 : 11));
    }

    function put(latlng) {
      if (marker) marker.setLatLng(latlng);
      else marker = L.marker(latlng, {keyboard: false}).addTo(m.map);
      f.pin_lat.value = latlng.lat.toFixed(6);
      f.pin_lon.value = latlng.lng.toFixed(6);
      clear.hidden = false;
      if (status) status.textContent = el.getAttribute("data-placed");
    }

    if (f.pin_lat.value && f.pin_lon.value) {
      put(L.latLng(parseFloat(f.pin_lat.value), parseFloat(f.pin_lon.value)));
      m.map.setView(marker.getLatLng(), 16);
    } else {
      centre();
    }
    m.map.on("click", function (e) { put(e.latlng); });
    f.town.addEventListener("change", function () {
      var lm = known.landmarks[f.landmark.value];
      if (lm && lm[2] !== f.town.value) f.landmark.value = "";
      if (!marker) centre();
    });
    f.landmark.addEventListener("change", function () {
      var lm = known.landmarks[f.landmark.value];
      if (lm) f.town.value = lm[2];
      if (!marker) centre();
    });
    clear.addEventListener("click", function () {
      if (marker) m.map.removeLayer(marker);
      marker = null;
      f.pin_lat.value = f.pin_lon.value = "";
      clear.hidden = true;
      if (status) status.textContent = "";
      centre();
    });
    if (locate) {  // locate.js asks the phone (and says so when it cannot)
      locate.addEventListener("nuanxin:located", function (e) {
        var at = m.show(e.detail.lat, e.detail.lon);
        put(L.latLng(at[0], at[1]));
        m.map.setView(at, 16);
      });
    }
  }

  var pins = document.getElementById("map"), pick = document.getElementById("pin-map");
  if (pins) pinsMap(pins);
  if (pick) pickMap(pick);
})();
