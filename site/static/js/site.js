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
        var wide = window.matchMedia("(min-width: 75rem)");
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

    /* "Open now", closures and past closures: worked out here, in the clinic's time zone,
       because the page itself is kept and cached for everyone (docs/performance.md). A
       card ([data-time-zone]) holds its hours (dd[data-days][data-opens][data-closes]) and
       its upcoming closures (data-closures: [{first, last, note}], days as YYYY-MM-DD). */
    var DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    var NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"];
    var clocks = {};
    var clinicNow = function (timeZone) {
        if (!clocks[timeZone]) {
            var parts = {};
            new Intl.DateTimeFormat("en-GB", {
                timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit",
                hour: "2-digit", minute: "2-digit", hourCycle: "h23"
            }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
            clocks[timeZone] = {
                year: +parts.year, month: +parts.month, day: +parts.day,
                time: parts.hour + ":" + parts.minute
            };
        }
        return clocks[timeZone];
    };
    /* The clinic's calendar day `ahead` days from today: its date, weekday (0 is Monday) and
       how to say it. */
    var dayAhead = function (now, ahead) {
        var date = new Date(Date.UTC(now.year, now.month - 1, now.day + ahead));
        var weekday = (date.getUTCDay() + 6) % 7;
        var said = ahead === 0 ? "today" : ahead === 1 ? "tomorrow" : "on " + NAMES[weekday] +
            (ahead < 7 ? "" : " " + date.getUTCDate() + " " + MONTHS[date.getUTCMonth()]);
        return { iso: date.toISOString().slice(0, 10), weekday: weekday, said: said };
    };
    var closureOn = function (closures, iso) {
        return closures.find(function (closure) { return closure.first <= iso && iso <= closure.last; });
    };

    document.querySelectorAll("[data-open-status]").forEach(function (status) {
        var card = status.closest("[data-time-zone]");
        var rows = Array.prototype.map.call(card.querySelectorAll("[data-opens]"), function (row) {
            return { days: row.dataset.days.split(" "), opens: row.dataset.opens, closes: row.dataset.closes };
        });
        if (!rows.length) { return; }
        var closures = card.dataset.closures ? JSON.parse(card.dataset.closures) : [];
        var now = clinicNow(card.dataset.timeZone);
        var today = dayAhead(now, 0);
        var closedToday = closureOn(closures, today.iso);
        var openRow = !closedToday && rows.find(function (row) {
            return row.days.indexOf(DAYS[today.weekday]) !== -1 && row.opens <= now.time && now.time < row.closes;
        });
        var text;
        if (openRow) {
            text = "Open now · closes at " + openRow.closes;
        } else {
            text = closedToday ? "Closed today" + (closedToday.note ? ": " + closedToday.note : "") : "Closed now";
            /* The next day it opens: past closures (a long one may last weeks). */
            for (var ahead = 0; ahead < 120; ahead++) {
                var day = dayAhead(now, ahead);
                if (closureOn(closures, day.iso)) { continue; }
                var next = rows.filter(function (row) {
                    return row.days.indexOf(DAYS[day.weekday]) !== -1 && (ahead > 0 || now.time < row.opens);
                }).sort(function (a, b) { return a.opens < b.opens ? -1 : 1; })[0];
                if (next) {
                    text += " · opens at " + next.opens + " " + day.said;
                    break;
                }
            }
        }
        status.textContent = text;
        status.dataset.open = openRow ? "true" : "false";
        status.hidden = false;
    });

    /* A location's closures: those over since the page was built go, and the list with them
       once none is left (without script, the page lists what was upcoming when built). */
    document.querySelectorAll("[data-closure]").forEach(function (closure) {
        var today = dayAhead(clinicNow(closure.closest("[data-time-zone]").dataset.timeZone), 0);
        closure.hidden = closure.dataset.lastDay < today.iso;
    });
    document.querySelectorAll("[data-closures-section]").forEach(function (section) {
        section.hidden = !section.querySelector("[data-closure]:not([hidden])");
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
