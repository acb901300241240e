/* Before-and-after comparison slider: an optional view of a result case's two photos laid
   over each other, with a labelled range input between them (arrow keys, Home and End move
   it). The side-by-side pair stays the default at every width and is all there is without
   this file; the button to switch shows from 40rem wide, where the laid-over photo is large
   enough to compare. Loaded with `defer` from our own origin, as the strict
   Content-Security-Policy requires: the divider moves through a CSS custom property. */
(function () {
    "use strict";

    var wide = window.matchMedia("(min-width: 40rem)");
    var pairs = document.querySelectorAll("[data-comparison]");

    var describe = function (value) {
        return value + "% before, " + (100 - value) + "% after";
    };

    Array.prototype.forEach.call(pairs, function (pair, index) {
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "button button--small button--secondary comparison-toggle";
        toggle.textContent = "Compare with a slider";
        toggle.setAttribute("aria-pressed", "false");

        var slider = document.createElement("div");
        slider.className = "comparison-slider";
        slider.hidden = true;
        var id = "comparison-" + (index + 1);
        var label = document.createElement("label");
        label.htmlFor = id;
        label.textContent = "Divider between the before and after photo";
        var range = document.createElement("input");
        range.type = "range";
        range.id = id;
        range.min = "0";
        range.max = "100";
        range.step = "1";
        range.value = "50";
        slider.appendChild(label);
        slider.appendChild(range);

        var move = function () {
            pair.style.setProperty("--split", range.value + "%");
            range.setAttribute("aria-valuetext", describe(range.value));
        };
        var show = function (comparing) {
            pair.classList.toggle("is-comparing", comparing);
            slider.hidden = !comparing;
            toggle.setAttribute("aria-pressed", comparing ? "true" : "false");
        };
        var fit = function () {
            toggle.hidden = !wide.matches;
            if (!wide.matches) { show(false); }
        };

        range.addEventListener("input", move);
        toggle.addEventListener("click", function () {
            show(toggle.getAttribute("aria-pressed") !== "true");
        });
        wide.addEventListener("change", fit);

        pair.parentNode.insertBefore(toggle, pair);
        pair.parentNode.insertBefore(slider, pair.nextSibling);
        move();
        fit();
    });
})();
