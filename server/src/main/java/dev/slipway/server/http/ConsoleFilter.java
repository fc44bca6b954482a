package dev.slipway.server.http;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.jetty.util.resource.Resource;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the single-page console in front of Jetty's {@code DefaultServlet}:
 * <ul>
 * <li>a file that exists is served; hashed build output ({@code /assets/…}, or a name with a hash such as
 *     {@code app-4f3a2b1c.js}) is cached for a year, everything else is revalidated on each use;</li>
 * <li>any other path without a file extension is a route of the app ({@code /plugins}, {@code /builds/42}) and gets
 *     {@code index.html}, never cached, so that reloading a deep link works;</li>
 * <li>a missing path with an extension ({@code /missing.js}) is a real 404;</li>
 * <li>{@code /api/…} is never touched here.</li>
 * </ul>
 */
final class ConsoleFilter
        implements Filter
{
    static final String INDEX = "/index.html";

    private static final Pattern HASHED = Pattern.compile(".*[-.][A-Za-z0-9_]{8,}\\.[a-z0-9]+$");
    private static final String LONG_CACHE = "public, max-age=31536000, immutable";
    private static final String NO_CACHE = "no-cache";

    private final Optional<Resource> console;

    /** @param console the console's root directory, empty when this build has no console */
    ConsoleFilter(Optional<Resource> console)
    {
        this.console = console;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException
    {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/api") || path.startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        if (console.isEmpty()) {
            response.setContentType("text/plain;charset=utf-8");
            response.setStatus(404);
            response.getWriter().println("This Slipway build has no console (the slipway-webapp jar is missing); the API is at /api/v1/.");
            return;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            chain.doFilter(request, response);
            return;
        }
        String servedPath = path.equals("/") ? INDEX : path;
        if (exists(servedPath)) {
            response.setHeader("Cache-Control", isHashed(servedPath) ? LONG_CACHE : NO_CACHE);
            if (servedPath.equals(path)) {
                chain.doFilter(request, response);
            }
            else {
                request.getRequestDispatcher(servedPath).forward(request, response);
            }
            return;
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        if (lastSegment.contains(".") || !exists(INDEX)) {
            response.setHeader("Cache-Control", NO_CACHE);
            response.sendError(404);
            return;
        }
        response.setHeader("Cache-Control", NO_CACHE);
        request.getRequestDispatcher(INDEX).forward(request, response);
    }

    private boolean exists(String path)
    {
        Resource resource = console.orElseThrow().resolve(path);
        return resource != null && resource.exists() && !resource.isDirectory();
    }

    static boolean isHashed(String path)
    {
        return path.startsWith("/assets/") || HASHED.matcher(path).matches();
    }
}
