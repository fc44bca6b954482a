package dev.slipway.server.build.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real report files under {@code src/test/resources/reports/} (see SOURCES.md there). */
final class ReportSamples
{
    private ReportSamples() {}

    static Path sample(String name)
    {
        URL url = ReportSamples.class.getResource("/reports/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no report sample " + name);
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String name)
    {
        try {
            return Files.readString(sample(name), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the first {@code attribute="number"} after {@code anchor} in a sample: figures the tool computed itself */
    static long attribute(String name, String anchor, String attribute)
    {
        String text = read(name);
        int start = text.indexOf(anchor);
        if (start < 0) {
            throw new IllegalArgumentException(anchor + " is not in " + name);
        }
        Matcher matcher = Pattern.compile("\\b" + Pattern.quote(attribute) + "=\"(\\d+)\"").matcher(text);
        if (!matcher.find(start)) {
            throw new IllegalArgumentException(attribute + " is not after " + anchor + " in " + name);
        }
        return Long.parseLong(matcher.group(1));
    }
}
