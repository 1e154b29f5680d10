// newsld: content negotiation for nginx (Debian: apt-get install libnginx-mod-http-js).
//
// The same rule as `newsld serve` (pipeline/web/negotiation.py, line for line): each media range of
// the Accept header has a weight (q, default 1; q=0 is "not acceptable"); a representation takes the
// weight of the most specific range that matches it (text/turtle, then text/*, then */*; an exact
// application/ld+json before its alias application/json); the highest weight wins, ties go to the
// server's order (HTML, Turtle, JSON-LD, N-Triples). Nothing acceptable is "" (nginx.conf answers 406).

var FORMATS = [
    ["html", "text/html"],
    ["ttl", "text/turtle"],
    ["jsonld", "application/ld+json"],
    ["nt", "application/n-triples"],
];
var ALIASES = { html: ["application/xhtml+xml"], jsonld: ["application/json"] };
var MAX_RANGES = 64;

function qValue(value) {
    value = value.replace(/^"+|"+$/g, "");
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
        return 0;
    }
    var q = parseFloat(value);
    return q >= 0 && q <= 1 ? q : 0;
}

function split(accept) {
    var items = [];
    var current = "";
    var quoted = false;
    for (var i = 0; i < accept.length; i++) {
        var c = accept.charAt(i);
        if (c === '"') {
            quoted = !quoted;
        }
        if (c === "," && !quoted) {
            items.push(current);
            current = "";
        } else {
            current += c;
        }
    }
    items.push(current);
    return items.map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
}

function parseAccept(accept) {
    var ranges = [];
    var items = split(accept).slice(0, MAX_RANGES);
    for (var i = 0; i < items.length; i++) {
        var params = items[i].split(";").map(function (p) { return p.trim(); });
        var media = params[0];
        if (media.indexOf("/") < 0) {
            continue;
        }
        var q = 1;
        for (var j = 1; j < params.length; j++) {
            var eq = params[j].indexOf("=");
            var name = (eq < 0 ? params[j] : params[j].slice(0, eq)).trim().toLowerCase();
            if (name === "q") {
                q = qValue(eq < 0 ? "" : params[j].slice(eq + 1).trim());
                break;
            }
        }
        ranges.push([media.toLowerCase(), q]);
    }
    return ranges;
}

function weight(media, aliases, ranges) {
    var kind = media.split("/")[0] + "/*";
    var best = -1;
    var q = 0;
    for (var i = 0; i < ranges.length; i++) {
        var pattern = ranges[i][0];
        var specificity;
        if (pattern === media) {
            specificity = 3;
        } else if (aliases.indexOf(pattern) >= 0) {
            specificity = 2;
        } else if (pattern === kind) {
            specificity = 1;
        } else if (pattern === "*/*") {
            specificity = 0;
        } else {
            continue;
        }
        if (specificity > best) {
            best = specificity;
            q = ranges[i][1];
        }
    }
    return q;
}

function choose(accept) {
    if (accept === undefined || accept === null || accept.trim() === "") {
        return FORMATS[0][0];
    }
    var ranges = parseAccept(accept);
    if (ranges.length === 0) {
        return FORMATS[0][0];
    }
    var bestQ = 0;
    var chosen = "";
    for (var i = 0; i < FORMATS.length; i++) {
        var q = weight(FORMATS[i][1], ALIASES[FORMATS[i][0]] || [], ranges);
        if (q > bestQ) {
            bestQ = q;
            chosen = FORMATS[i][0];
        }
    }
    return chosen;
}

// js_set $newsld_format newsld.format;
function format(r) {
    return choose(r.headersIn["Accept"]);
}

function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

// The 303 of a thing's IRI to its document, with the short hypertext note RFC 9110 asks for.
function seeOther(r) {
    var document = r.uri + "." + r.variables.newsld_format;
    var link = escape(document);
    var body = '<!doctype html>\n<title>See Other</title>\n<p>See <a href="' + link + '">' + link + "</a>.</p>\n";
    r.status = 303;
    r.headersOut["Location"] = document;
    r.headersOut["Content-Type"] = "text/html; charset=utf-8";
    r.headersOut["Cache-Control"] = "public, no-cache";
    r.headersOut["Content-Length"] = body.length;
    r.sendHeader();
    if (r.method !== "HEAD") {
        r.send(body);
    }
    r.finish();
}

export default { format, seeOther, choose };
