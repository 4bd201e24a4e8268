package dev.agh.http;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.TextRules;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps web pages out, in every auth mode (with {@code --auth none} a page in the user's browser could otherwise
 * act as the operator): the Host header must name this server (no DNS rebinding), a browser request from
 * another origin is refused, and a body must be {@code application/json} (a cross-origin form or
 * {@code text/plain} POST needs no preflight, a JSON one does). Query values obey the same text rules as bodies.
 */
final class BrowserGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final Set<String> hostNames;
    private final boolean anyHost;

    private BrowserGuard(Set<String> hostNames, boolean anyHost) {
        this.hostNames = hostNames;
        this.anyHost = anyHost;
    }

    /**
     * For a server bound to {@code bind}: loopback names always; the bound address itself; any name when bound to
     * every interface (the names it is reached by are not known, and such a server requires tokens).
     */
    static BrowserGuard forBind(String bind) {
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
        java.util.HashSet<String> names = new java.util.HashSet<>(LOOPBACK_NAMES);
        names.add(bind.toLowerCase(Locale.ROOT));
        names.add(bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind);
        return new BrowserGuard(Set.copyOf(names), wildcard || !isLoopback(bind) && !isAddress(bind));
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host != null && !anyHost && !hostNames.contains(hostName(host))) {
            throw new AghException(ErrorCode.ORIGIN_REFUSED, "Host \"" + host + "\" does not name this server");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, host)) {
            throw new AghException(
                    ErrorCode.ORIGIN_REFUSED, "requests from another origin (" + origin + ") are refused");
        }
        if ("cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            throw new AghException(ErrorCode.ORIGIN_REFUSED, "cross-site browser requests are refused");
        }
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            TextRules.requireLabel("query parameter name", param.getKey());
            for (String value : param.getValue()) {
                TextRules.requireLabel("query parameter " + param.getKey(), value);
            }
        }
        if (hasBody(ctx) && !isJson(ctx.header("Content-Type"))) {
            throw new AghException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "a request body must be sent as Content-Type: application/json");
        }
    }

    private static boolean hasBody(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        return ctx.header("Transfer-Encoding") != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") && type.startsWith("application/");
    }

    /** Same origin: {@code http://} plus exactly the Host the request was sent to. */
    private static boolean sameOrigin(String origin, String host) {
        return host != null && origin.equalsIgnoreCase("http://" + host);
    }

    /** The name part of a Host header: without the port, an IPv6 literal keeping its brackets. */
    static String hostName(String host) {
        String value = host.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isAddress(String bind) {
        return bind.matches("[0-9.]+") || bind.contains(":");
    }
}
