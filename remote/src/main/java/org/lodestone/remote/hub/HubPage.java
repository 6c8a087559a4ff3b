package org.lodestone.remote.hub;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hub's one page: drawn on the server from the fleet's state (so it shows the units without
 * script), then kept live by inline script on the server-sent events. Nothing is fetched from
 * elsewhere: no CDN, no fonts.
 */
final class HubPage {
    private HubPage() {
    }

    static String html(JsonNode units) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Lodestone fleet</title><style>")
                .append("body{font-family:sans-serif;margin:1.5em;background:#f6f7f9;color:#1b1f24}")
                .append(".unit{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1em;margin:0 0 1em 0;max-width:44em}")
                .append(".state{font-weight:bold}.scanning{color:#0969da}.fault{color:#cf222e}.paused{color:#9a6700}")
                .append("progress{width:20em}.alert{color:#cf222e}ul{margin:.3em 0;padding-left:1.2em}")
                .append("</style></head><body><h1>Lodestone fleet</h1><p id=\"live\">Live updates: connecting…</p><div id=\"units\">")
                .append(units(units)).append("</div><script>").append(SCRIPT).append("</script></body></html>");
        return b.toString();
    }

    static String units(JsonNode units) {
        if (units.isEmpty()) return "<p>No unit has reported yet.</p>";
        StringBuilder b = new StringBuilder();
        for (JsonNode u : units) {
            JsonNode s = u.path("status");
            String id = esc(u.path("unit").asText());
            String state = s.path("state").asText("unknown");
            double pct = s.path("percent").asDouble(0);
            b.append("<section class=\"unit\" id=\"unit-").append(id).append("\"><h2>").append(id).append("</h2>")
                    .append("<p><span class=\"state ").append(esc(state)).append("\">").append(esc(state)).append("</span>");
            if (s.has("protocol")) b.append(" · protocol <span class=\"protocol\">").append(esc(s.path("protocol").asText())).append("</span>");
            if (s.has("stage")) b.append(" · ").append(esc(s.path("stage").asText()));
            b.append("</p><p><progress max=\"100\" value=\"").append(pct).append("\"></progress> <span class=\"progress\">")
                    .append(String.format("%.1f %% (%d/%d lines, %.0f s left)", pct, s.path("lines_received").asLong(),
                            s.path("lines_expected").asLong(), s.path("seconds_remaining").asDouble()))
                    .append("</span></p>");
            JsonNode sens = u.path("sensors");
            if (!sens.isMissingNode()) {
                b.append(String.format("<p class=\"sensors\">magnet %.2f °C · room %.2f °C</p>",
                        sens.path("magnet_temperature_c").asDouble(), sens.path("room_temperature_c").asDouble()));
            }
            if (!u.path("alerts").isEmpty()) {
                b.append("<p class=\"alert\">Alerts:</p><ul>");
                for (JsonNode a : u.path("alerts")) b.append("<li class=\"alert\">").append(line(a)).append("</li>");
                b.append("</ul>");
            }
            if (!u.path("exams").isEmpty()) {
                b.append("<p>Exams sent to the PACS:</p><ul class=\"exams\">");
                for (JsonNode x : u.path("exams")) b.append("<li>").append(exam(x)).append("</li>");
                b.append("</ul>");
            }
            b.append("<p>Recent events:</p><ul>");
            for (JsonNode e : u.path("events")) b.append("<li>").append(line(e)).append("</li>");
            b.append("</ul><p><small>last status ").append(esc(s.path("time").asText("–"))).append("</small></p></section>");
        }
        return b.toString();
    }

    private static String line(JsonNode e) {
        return esc(e.path("time").asText()) + " " + esc(e.path("severity").asText()) + ": " + esc(e.path("text").asText());
    }

    private static String exam(JsonNode x) {
        String uid = esc(x.path("study_uid").asText());
        String study = x.has("url") ? "<a class=\"study\" href=\"" + esc(x.path("url").asText()) + "\">" + uid + "</a>" : uid;
        return esc(x.path("time").asText()) + " study " + study + " at " + esc(x.path("pacs").asText())
                + " (on PACS: <span class=\"on-pacs\">" + esc(x.path("on_pacs").asText()) + "</span>)";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    /** Re-renders from /events with the same markup (kept small and in step with {@link #units}). */
    private static final String SCRIPT = """
            const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
            const line = e => esc(e.time) + ' ' + esc(e.severity) + ': ' + esc(e.text);
            function render(units) {
              if (!units.length) return '<p>No unit has reported yet.</p>';
              return units.map(u => {
                const s = u.status || {}, pct = s.percent || 0, st = s.state || 'unknown';
                let h = '<section class="unit" id="unit-' + esc(u.unit) + '"><h2>' + esc(u.unit) + '</h2><p><span class="state ' + esc(st) + '">' + esc(st) + '</span>';
                if (s.protocol) h += ' · protocol <span class="protocol">' + esc(s.protocol) + '</span>';
                if (s.stage) h += ' · ' + esc(s.stage);
                h += '</p><p><progress max="100" value="' + pct + '"></progress> <span class="progress">' + pct.toFixed(1) + ' % (' + (s.lines_received || 0) + '/' + (s.lines_expected || 0) + ' lines, ' + Math.round(s.seconds_remaining || 0) + ' s left)</span></p>';
                if (u.sensors) h += '<p class="sensors">magnet ' + u.sensors.magnet_temperature_c.toFixed(2) + ' °C · room ' + u.sensors.room_temperature_c.toFixed(2) + ' °C</p>';
                if (u.alerts.length) h += '<p class="alert">Alerts:</p><ul>' + u.alerts.map(a => '<li class="alert">' + line(a) + '</li>').join('') + '</ul>';
                const ex = x => { const uid = esc(x.study_uid); const st = x.url ? '<a class="study" href="' + esc(x.url) + '">' + uid + '</a>' : uid;
                  return esc(x.time) + ' study ' + st + ' at ' + esc(x.pacs) + ' (on PACS: <span class="on-pacs">' + esc(x.on_pacs) + '</span>)'; };
                if (u.exams && u.exams.length) h += '<p>Exams sent to the PACS:</p><ul class="exams">' + u.exams.map(x => '<li>' + ex(x) + '</li>').join('') + '</ul>';
                h += '<p>Recent events:</p><ul>' + u.events.map(e => '<li>' + line(e) + '</li>').join('') + '</ul><p><small>last status ' + esc(s.time || '–') + '</small></p></section>';
                return h;
              }).join('');
            }
            const live = document.getElementById('live');
            const es = new EventSource('events');
            es.addEventListener('units', ev => { document.getElementById('units').innerHTML = render(JSON.parse(ev.data)); live.textContent = 'Live updates: on'; });
            es.onerror = () => { live.textContent = 'Live updates: reconnecting…'; };
            """;
}
