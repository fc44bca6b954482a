package dev.slipway.server.build.report;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One test case of a {@link TestReport}.
 *
 * @param suite the suite or class it belongs to, as the tool names it (a JUnit {@code testsuite}, a TestNG or TRX
 *         class, an NUnit fixture, a Cucumber feature)
 * @param className the class, or other grouping finer than the suite, when the tool gives one (a JUnit
 *         {@code classname}, CodeBuild's "prefix")
 * @param name the test's own name
 * @param message the failure, error or skip message; for long messages the start, with a note of how much was cut
 * @param details the stack trace or the tool's full failure text, cut to {@link #MAX_DETAILS_LENGTH} characters
 * @param file the source file (with a line when the tool gives one), when the tool names it
 */
public record TestCase(
        String suite,
        Optional<String> className,
        String name,
        TestStatus status,
        Duration duration,
        Optional<String> message,
        Optional<String> details,
        Optional<String> file)
{
    /** Longest {@link #message()} kept, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 4_096;
    /** Longest {@link #details()} kept, in characters. */
    public static final int MAX_DETAILS_LENGTH = 16_384;

    public TestCase
    {
        requireNonNull(suite, "suite is null");
        requireNonNull(className, "className is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(message, "message is null");
        requireNonNull(details, "details is null");
        requireNonNull(file, "file is null");
    }
}
