package dev.slipway.server.build.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Receives per-file coverage from the format parsers. A source file that several report files (or a SimpleCov
 * result set's several commands) cover is one entry: where the format gives line data, lines are merged line by line
 * (a line is covered when any report covers it), so the same code measured twice is not counted twice; counter-only
 * figures (Clover, JaCoCo without line data) are added. Not thread-safe: one parse at a time.
 */
final class CoverageCollector
{
    private final Map<String, SourceFile> files = new LinkedHashMap<>();

    /** Adds one line's figures; a line given twice is merged. */
    void addLine(String path, int line, boolean covered, int branchesCovered, int branches)
    {
        SourceFile file = files.computeIfAbsent(path, ignored -> new SourceFile());
        file.addLine(line, covered);
        if (branches > 0) {
            file.addBranches(line, new BranchHit(branchesCovered, branches));
        }
    }

    /** Adds the branches that start on one line, for formats that give them apart from the lines. */
    void addBranches(String path, int line, int branchesCovered, int branches)
    {
        files.computeIfAbsent(path, ignored -> new SourceFile()).addBranches(line, new BranchHit(branchesCovered, branches));
    }

    void addCounters(String path, long linesCovered, long linesMissed, long branchesCovered, long branchesMissed)
    {
        SourceFile file = files.computeIfAbsent(path, ignored -> new SourceFile());
        file.linesCovered += linesCovered;
        file.linesMissed += linesMissed;
        file.branchesCovered += branchesCovered;
        file.branchesMissed += branchesMissed;
    }

    /** Declares a file even when it has nothing to cover, so that it is listed. */
    void addFile(String path)
    {
        files.computeIfAbsent(path, ignored -> new SourceFile());
    }

    void addAll(CoverageCollector other)
    {
        other.files.forEach((path, file) -> {
            SourceFile mine = files.computeIfAbsent(path, ignored -> new SourceFile());
            file.lines.forEach(mine::addLine);
            file.branches.forEach(mine::addBranches);
            mine.linesCovered += file.linesCovered;
            mine.linesMissed += file.linesMissed;
            mine.branchesCovered += file.branchesCovered;
            mine.branchesMissed += file.branchesMissed;
        });
    }

    boolean isEmpty()
    {
        return files.isEmpty();
    }

    List<FileCoverage> files()
    {
        return files.entrySet().stream().map(entry -> entry.getValue().figures(entry.getKey())).toList();
    }

    private record BranchHit(int covered, int total)
    {
        // The same line measured twice: its branches are the larger count, covered as far as either run covered them
        // (a lower bound of the union, since which branches were covered is not known).
        BranchHit union(BranchHit other)
        {
            int branches = Math.max(total, other.total);
            return new BranchHit(Math.min(branches, Math.max(covered, other.covered)), branches);
        }
    }

    private static final class SourceFile
    {
        private final TreeMap<Integer, Boolean> lines = new TreeMap<>();
        private final TreeMap<Integer, BranchHit> branches = new TreeMap<>();
        private long linesCovered;
        private long linesMissed;
        private long branchesCovered;
        private long branchesMissed;

        void addLine(int line, boolean covered)
        {
            lines.merge(line, covered, Boolean::logicalOr);
        }

        void addBranches(int line, BranchHit hit)
        {
            branches.merge(line, hit, BranchHit::union);
        }

        FileCoverage figures(String path)
        {
            long covered = linesCovered;
            long missed = linesMissed;
            long branchCovered = branchesCovered;
            long branchMissed = branchesMissed;
            for (boolean lineCovered : lines.values()) {
                if (lineCovered) {
                    covered++;
                }
                else {
                    missed++;
                }
            }
            for (BranchHit hit : branches.values()) {
                branchCovered += hit.covered();
                branchMissed += hit.total() - hit.covered();
            }
            return new FileCoverage(path, covered, missed, branchCovered, branchMissed);
        }
    }
}
