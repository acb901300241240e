/* Small enhancements of the public site. Everything works without this file: the menu is a
   native <details>, the booking bar is sticky CSS, opening hours are printed in full. Loaded
   with `defer` from our own origin, as the strict Content-Security-Policy requires. */
(function () {
    "use strict";

    /* Menu: on wide screens the menu's contents are the header row. Browsers without
       ::details-content cannot show a closed <details>' contents, so open it there; on
       phones Escape closes an open menu and gives focus back to its button. */
    var menu = document.querySelector("[data-site-menu]");
    if (menu) {
        var wide = window.matchMedia("(min-width: 64rem)");
        var showsClosedContents = CSS.supports("selector(::details-content)");
        var fit = function () {
            if (!showsClosedContents) { menu.open = wide.matches; }
        };
        fit();
        wide.addEventListener("change", fit);
        menu.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.open && !wide.matches) {
                menu.open = false;
                menu.querySelector("summary").focus();
            }
        });
    }

    /* Booking bar: out of the way while the page's own booking button is on screen. */
    var bar = document.querySelector("[data-booking-bar]");
    var primary = document.querySelector("[data-booking-primary]");
    if (bar && primary && "IntersectionObserver" in window) {
        new IntersectionObserver(function (entries) {
            bar.classList.toggle("is-idle", entries[0].isIntersecting);
        }).observe(primary);
    }

    /* "Open now": worked out here, in the clinic's time zone, because the page itself is
       kept and cached for everyone (docs/performance.md). */
    var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    var NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    document.querySelectorAll("[data-open-status]").forEach(function (status) {
        var card = status.closest("[data-time-zone]");
        var rows = Array.prototype.map.call(card.querySelectorAll("[data-opens]"), function (row) {
            return { days: row.dataset.days.split(" "), opens: row.dataset.opens, closes: row.dataset.closes };
        });
        if (!rows.length) { return; }
        var parts = {};
        new Intl.DateTimeFormat("en-GB", {
            timeZone: card.dataset.timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
        }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
        var today = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday);
        var now = parts.hour + ":" + parts.minute;
        var openRow = rows.find(function (row) {
            return row.days.indexOf(DAYS[today]) !== -1 && row.opens <= now && now < row.closes;
        });
        var text;
        if (openRow) {
            text = "Open now · closes at " + openRow.closes;
        } else {
            text = "Closed now";
            for (var ahead = 0; ahead < 7; ahead++) {
                var day = (today + ahead) % 7;
                var next = rows.filter(function (row) {
                    return row.days.indexOf(DAYS[day]) !== -1 && (ahead > 0 || now < row.opens);
                }).sort(function (a, b) { return a.opens < b.opens ? -1 : 1; })[0];
                if (next) {
                    var when = ahead === 0 ? "today" : ahead === 1 ? "tomorrow" : NAMES[day];
                    text += " · opens " + when + " at " + next.opens;
                    break;
                }
            }
        }
        status.textContent = text;
        status.dataset.open = openRow ? "true" : "false";
        status.hidden = false;
    });

    /* Contents list: mark the section being read. */
    var toc = document.querySelector("[data-toc]");
    if (toc && "IntersectionObserver" in window) {
        var links = {};
        toc.querySelectorAll("a[href^='#']").forEach(function (link) { links[link.hash.slice(1)] = link; });
        var current = null;
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                if (entry.isIntersecting && links[entry.target.id]) {
                    if (current) { current.removeAttribute("aria-current"); }
                    current = links[entry.target.id];
                    current.setAttribute("aria-current", "true");
                }
            });
        }, { rootMargin: "0px 0px -70% 0px" });
        Object.keys(links).forEach(function (id) {
            var section = document.getElementById(id);
            if (section) { observer.observe(section); }
        });
    }
})();
