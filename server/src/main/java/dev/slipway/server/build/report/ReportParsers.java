package dev.slipway.server.build.report;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import javax.xml.stream.XMLStreamException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * Turns the files of one report group into a {@link Report}. The build engine calls {@link #parse} after a build, once
 * per report group, with the files the group's globs matched.
 *
 * <p>Thread-safe and stateless: one instance serves every build, concurrently.
 */
public final class ReportParsers
{
    private static final Logger log = LoggerFactory.getLogger(ReportParsers.class);

    private final ObjectMapper json;

    public ReportParsers()
    {
        // Report files come from builds: no number or string in them is allowed to be absurdly long.
        this.json = new ObjectMapper();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024)
                .maxNumberLength(100)
                .maxNestingDepth(200)
                .build());
    }

    /**
     * Parses the files of one report group, merged into one report in the order given.
     *
     * <p>Never throws for bad files: a file that is missing, unreadable, empty, malformed or of another format is left
     * out whole, and {@link Report#problems()} names it with the line and column where reading stopped and what was
     * wrong. The report is then INCOMPLETE, or FAILED when no file could be read. An empty list (the group's globs
     * matched nothing) gives an INCOMPLETE report, as CodeBuild reports a group whose paths are wrong.
     *
     * <p>Memory is bounded whatever the files' size: they are streamed, test reports keep at most
     * {@link TestReport#MAX_CASES} cases (FAILED and ERROR first) and cut long messages.
     *
     * @param format the group's {@code file-format}
     * @param files the report files, typically absolute
     * @return a {@link TestReport} for test formats, a {@link CoverageReport} for coverage formats
     */
    public Report parse(ReportFormat format, List<Path> files)
    {
        requireNonNull(format, "format is null");
        requireNonNull(files, "files is null");
        List<ReportProblem> problems = new ArrayList<>();
        if (files.isEmpty()) {
            problems.add(new ReportProblem("(no files)", OptionalInt.empty(), OptionalInt.empty(),
                    "no report files were found for this report group; check its files and base-directory"));
        }
        return format.isCoverage() ? parseCoverage(format, files, problems) : parseTests(format, files, problems);
    }

    private TestReport parseTests(ReportFormat format, List<Path> files, List<ReportProblem> problems)
    {
        TestResultsParser parser = testParser(format);
        TestResultsCollector report = new TestResultsCollector(TestReport.MAX_CASES);
        int parsed = 0;
        for (Path file : files) {
            TestResultsCollector fileResults = new TestResultsCollector(TestReport.MAX_CASES);
            if (read(file, in -> parser.parse(in, fileResults), problems)) {
                report.addAll(fileResults);
                parsed++;
            }
        }
        ReportStatus status = status(parsed, files.size(), problems)
                .orElse(report.counts().keySet().stream().anyMatch(TestStatus::isUnsuccessful) ? ReportStatus.FAILED : ReportStatus.SUCCEEDED);
        return new TestReport(format, status, report.suites(), report.cases(), report.counts(), report.duration(), report.truncated(), problems);
    }

    private CoverageReport parseCoverage(ReportFormat format, List<Path> files, List<ReportProblem> problems)
    {
        CoverageParser parser = coverageParser(format);
        CoverageCollector report = new CoverageCollector();
        int parsed = 0;
        for (Path file : files) {
            CoverageCollector fileCoverage = new CoverageCollector();
            if (read(file, in -> parser.parse(in, fileCoverage), problems)) {
                report.addAll(fileCoverage);
                parsed++;
            }
        }
        ReportStatus status = status(parsed, files.size(), problems).orElse(ReportStatus.SUCCEEDED);
        return new CoverageReport(format, status, report.files(), problems);
    }

    // Empty when every file was read; the outcome then depends on the content.
    private static Optional<ReportStatus> status(int parsed, int files, List<ReportProblem> problems)
    {
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parsed == 0 && files > 0 ? ReportStatus.FAILED : ReportStatus.INCOMPLETE);
    }

    private TestResultsParser testParser(ReportFormat format)
    {
        return switch (format) {
            case JUNITXML -> new JUnitXmlParser();
            case NUNITXML, NUNIT3XML -> new NUnitXmlParser(format);
            case TESTNGXML -> new TestNgXmlParser();
            case CUCUMBERJSON -> new CucumberJsonParser(json.getFactory());
            case VISUALSTUDIOTRX -> new TrxParser();
            case CLOVERXML, COBERTURAXML, JACOCOXML, SIMPLECOV -> throw new IllegalArgumentException(format + " is a coverage format");
        };
    }

    private CoverageParser coverageParser(ReportFormat format)
    {
        return switch (format) {
            case CLOVERXML -> new CloverXmlParser();
            case COBERTURAXML -> new CoberturaXmlParser();
            case JACOCOXML -> new JacocoXmlParser();
            case SIMPLECOV -> new SimpleCovJsonParser(json);
            case JUNITXML, NUNITXML, NUNIT3XML, TESTNGXML, CUCUMBERJSON, VISUALSTUDIOTRX ->
                    throw new IllegalArgumentException(format + " is a test format");
        };
    }

    /** Runs one file through a parser; on any failure records a problem and returns false. */
    private static boolean read(Path file, FileReading reading, List<ReportProblem> problems)
    {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) {
                problems.add(problem(name, "is a directory, not a report file"));
                return false;
            }
            if (Files.size(file) == 0) {
                problems.add(problem(name, "the file is empty"));
                return false;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                reading.read(in);
            }
            return true;
        }
        catch (ReportFileException e) {
            problems.add(new ReportProblem(name, e.line(), e.column(), e.getMessage()));
        }
        catch (XMLStreamException e) {
            problems.add(new ReportProblem(name, SafeXml.lineOf(e.getLocation()), SafeXml.columnOf(e.getLocation()),
                    "not well-formed XML: " + xmlMessage(e)));
        }
        catch (JsonProcessingException e) {
            problems.add(new ReportProblem(name, JsonFiles.lineOf(e.getLocation()), JsonFiles.columnOf(e.getLocation()),
                    "not valid JSON: " + e.getOriginalMessage()));
        }
        catch (NoSuchFileException e) {
            problems.add(problem(name, "no such file"));
        }
        catch (AccessDeniedException e) {
            problems.add(problem(name, "permission denied"));
        }
        catch (IOException e) {
            problems.add(problem(name, "could not be read: " + e.getMessage()));
        }
        catch (RuntimeException e) {
            // A parser bug must not take the build down with it; the report says the file was left out, the log has why.
            log.warn("Report file {} could not be parsed", name, e);
            problems.add(problem(name, "could not be parsed (" + e.getClass().getSimpleName() + "); this is a Slipway bug, the server log has details"));
        }
        return false;
    }

    private static ReportProblem problem(String file, String message)
    {
        return new ReportProblem(file, OptionalInt.empty(), OptionalInt.empty(), message);
    }

    // The JDK prefixes its messages with "ParseError at [row,col]:[3,14]\nMessage: "; the position is reported apart.
    private static String xmlMessage(XMLStreamException e)
    {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Message: ");
        return (start < 0 ? message : message.substring(start + "Message: ".length())).strip();
    }

    @FunctionalInterface
    private interface FileReading
    {
        void read(InputStream in)
                throws IOException, XMLStreamException, ReportFileException;
    }
}
