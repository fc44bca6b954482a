package dev.slipway.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every client command has: which server, with which token, and whether to colour. Each falls back on the
 * environment ({@code SLIPWAY_SERVER}, {@code SLIPWAY_TOKEN}, {@code NO_COLOR}).
 */
final class ClientOptions
{
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    static final String SERVER_VARIABLE = "SLIPWAY_SERVER";
    static final String TOKEN_VARIABLE = "SLIPWAY_TOKEN";

    @Option(names = "--server", paramLabel = "URL", order = 100,
            description = "The Slipway server (default: $SLIPWAY_SERVER, else " + DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", order = 101,
            description = "The API token, sent as 'Authorization: Bearer TOKEN' (default: $SLIPWAY_TOKEN; prefer the variable: "
                    + "the command line is visible to other users).")
    String token;

    @Option(names = "--no-color", order = 102, description = "No colours (there are none anyway when the output is not a terminal, or NO_COLOR is set).")
    boolean noColor;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** @return a client for the server the options or the environment name; a usage error for a URL that is not one */
    SlipwayClient connect(CliContext context)
    {
        String source = server != null ? "--server" : SERVER_VARIABLE;
        String url = server != null ? server.trim() : context.variable(SERVER_VARIABLE).orElse(DEFAULT_SERVER);
        Optional<String> bearer = Optional.ofNullable(token).map(String::trim).filter(value -> !value.isEmpty())
                .or(() -> context.variable(TOKEN_VARIABLE));
        return new SlipwayClient(baseUri(url, source), bearer, context.httpClient().get());
    }

    /** @return the server's base URL ending in {@code /}, without a trailing {@code /api/v1} that people paste */
    URI baseUri(String url, String source)
    {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            throw notAUrl(url, source);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw notAUrl(url, source);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = path.replaceAll("/+$", "");
        if (path.endsWith("/api/v1")) {
            path = path.substring(0, path.length() - "/api/v1".length());
        }
        try {
            return new URI(scheme, uri.getRawAuthority(), null, null, null).resolve(path + "/");
        }
        catch (URISyntaxException e) {
            throw notAUrl(url, source);
        }
    }

    private ParameterException notAUrl(String url, String source)
    {
        return new ParameterException(mixee.commandLine(), source + " must be an http or https URL such as " + DEFAULT_SERVER + ", was '" + url + "'");
    }

    /** @return colours only for a terminal, unless switched off */
    Styles styles(CliContext context)
    {
        return new Styles(context.terminal() && !noColor && context.environment().get("NO_COLOR") == null);
    }
}
