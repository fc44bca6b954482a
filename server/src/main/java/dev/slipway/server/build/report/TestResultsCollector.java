package dev.slipway.server.build.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Receives test cases from the format parsers and keeps what a {@link TestReport} needs in bounded memory: totals over
 * every case, and at most {@code capacity} cases, FAILED and ERROR ones first, as CodeBuild truncates. One per report
 * file, merged into the report's own when the file was read to its end. Not thread-safe: one parse at a time.
 */
final class TestResultsCollector
{
    private final int capacity;
    private final List<Kept> unsuccessful = new ArrayList<>();
    private final List<Kept> others = new ArrayList<>();
    private final Map<String, SuiteTally> suites = new LinkedHashMap<>();
    private final EnumMap<TestStatus, Integer> counts = new EnumMap<>(TestStatus.class);
    private Duration duration = Duration.ZERO;
    private long sequence;
    private boolean truncated;

    TestResultsCollector(int capacity)
    {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds a case the way parsers see it. Parsers already cut long text to the model's limits (with a note of what was
     * cut); the cut here only guards against a parser that did not, without cutting that note again.
     */
    void add(String suite, String className, String name, TestStatus status, Duration caseDuration, String message, String details, String file)
    {
        TestCase testCase = new TestCase(
                suite,
                optional(className),
                name,
                status,
                caseDuration,
                optional(LimitedText.cut(normalized(message), TestCase.MAX_MESSAGE_LENGTH + LimitedText.NOTE_ROOM)),
                optional(LimitedText.cut(normalized(details), TestCase.MAX_DETAILS_LENGTH + LimitedText.NOTE_ROOM)),
                optional(file));
        count(testCase.suite(), testCase.status(), testCase.duration());
        keep(testCase);
    }

    /** Adds what another collector (a file read to its end) holds. */
    void addAll(TestResultsCollector other)
    {
        other.suites.forEach((name, tally) -> suites.computeIfAbsent(name, ignored -> new SuiteTally()).add(tally));
        other.counts.forEach((status, count) -> counts.merge(status, count, Integer::sum));
        duration = duration.plus(other.duration);
        truncated |= other.truncated;
        for (TestCase testCase : other.cases()) {
            keep(testCase);
        }
    }

    boolean isEmpty()
    {
        return counts.isEmpty();
    }

    List<TestCase> cases()
    {
        List<Kept> kept = new ArrayList<>(unsuccessful.size() + others.size());
        kept.addAll(unsuccessful);
        kept.addAll(others);
        kept.sort(Comparator.comparingLong(Kept::sequence));
        return kept.stream().map(Kept::testCase).toList();
    }

    List<TestSuiteSummary> suites()
    {
        return suites.entrySet().stream()
                .map(entry -> new TestSuiteSummary(entry.getKey(), entry.getValue().counts, entry.getValue().duration))
                .toList();
    }

    Map<TestStatus, Integer> counts()
    {
        return counts;
    }

    Duration duration()
    {
        return duration;
    }

    boolean truncated()
    {
        return truncated;
    }

    private void count(String suite, TestStatus status, Duration caseDuration)
    {
        suites.computeIfAbsent(suite, ignored -> new SuiteTally()).add(status, caseDuration);
        counts.merge(status, 1, Integer::sum);
        duration = duration.plus(caseDuration);
    }

    private void keep(TestCase testCase)
    {
        Kept kept = new Kept(sequence++, testCase);
        if (unsuccessful.size() + others.size() < capacity) {
            (testCase.status().isUnsuccessful() ? unsuccessful : others).add(kept);
            return;
        }
        truncated = true;
        if (testCase.status().isUnsuccessful() && !others.isEmpty()) {
            // The newest successful case makes room: the older ones stay, as they would in file order.
            others.remove(others.size() - 1);
            unsuccessful.add(kept);
        }
    }

    // Windows tools (TRX, NUnit) write CRLF inside messages; the console shows LF.
    private static String normalized(String text)
    {
        return text.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    private static Optional<String> optional(String value)
    {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private record Kept(long sequence, TestCase testCase)
    {
        Kept
        {
            requireNonNull(testCase, "testCase is null");
        }
    }

    private static final class SuiteTally
    {
        private final EnumMap<TestStatus, Integer> counts = new EnumMap<>(TestStatus.class);
        private Duration duration = Duration.ZERO;

        void add(TestStatus status, Duration caseDuration)
        {
            counts.merge(status, 1, Integer::sum);
            duration = duration.plus(caseDuration);
        }

        void add(SuiteTally other)
        {
            other.counts.forEach((status, count) -> counts.merge(status, count, Integer::sum));
            duration = duration.plus(other.duration);
        }
    }
}
