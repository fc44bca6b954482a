package dev.slipway.server.build;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

import dev.slipway.server.http.Answers;
import dev.slipway.server.http.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/projects/{name}/badge.svg?branch=…}: the project's build badge ("build | passing", "failing",
 * "in progress" or "unknown"), for README files. It is served only for projects with {@code badgeEnabled}; it will
 * stay public (unauthenticated) when security comes, like CodeBuild's badge URL.
 */
@Path("v1/projects/{name}/badge.svg")
public final class BadgeResource
{
    static final String SVG = "image/svg+xml";

    private final BuildService builds;

    @Inject
    public BadgeResource(BuildService builds)
    {
        this.builds = requireNonNull(builds, "builds is null");
    }

    /** The badge of the project's newest build (of {@code branch}, a source version, if given); 404 unless badges are enabled. */
    @GET
    @Produces(SVG)
    @Permission("project:GetBadge")
    @Answers(status = 200, body = String.class)
    public Response badge(@PathParam("name") String name, @QueryParam("branch") String branch)
    {
        BuildService.BadgeStatus status = builds.badge(name, Optional.ofNullable(branch).filter(value -> !value.isBlank()));
        return Response.ok(svg(status), SVG).header("Cache-Control", "no-cache, no-store, must-revalidate").build();
    }

    static String svg(BuildService.BadgeStatus status)
    {
        String text = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String color = switch (status) {
            case PASSING -> "#4c1";
            case FAILING -> "#e05d44";
            case IN_PROGRESS -> "#dfb317";
            case UNKNOWN -> "#9f9f9f";
        };
        int labelWidth = 37;
        int valueWidth = 10 + 7 * text.length();
        int width = labelWidth + valueWidth;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"20\" role=\"img\" aria-label=\"build: " + text + "\">"
                + "<title>build: " + text + "</title>"
                + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
                + "<clipPath id=\"r\"><rect width=\"" + width + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
                + "<g clip-path=\"url(#r)\"><rect width=\"" + labelWidth + "\" height=\"20\" fill=\"#555\"/>"
                + "<rect x=\"" + labelWidth + "\" width=\"" + valueWidth + "\" height=\"20\" fill=\"" + color + "\"/>"
                + "<rect width=\"" + width + "\" height=\"20\" fill=\"url(#s)\"/></g>"
                + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"" + labelWidth / 2.0 + "\" y=\"14\">build</text>"
                + "<text x=\"" + (labelWidth + valueWidth / 2.0) + "\" y=\"14\">" + text + "</text></g></svg>";
    }
}
