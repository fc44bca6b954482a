package dev.slipway.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The problems found in a configuration, errors and warnings. Valid when it holds no error.
 *
 * @since 0.1
 */
public final class ValidationResult
{
    private static final ValidationResult OK = new ValidationResult(List.of());

    private final List<ValidationIssue> issues;

    private ValidationResult(List<ValidationIssue> issues)
    {
        this.issues = List.copyOf(issues);
    }

    /** @return a result with no issues @since 0.1 */
    public static ValidationResult ok()
    {
        return OK;
    }

    /** @since 0.1 */
    public static ValidationResult of(List<ValidationIssue> issues)
    {
        Objects.requireNonNull(issues, "issues is null");
        return issues.isEmpty() ? OK : new ValidationResult(issues);
    }

    /** @return a result with a single error @since 0.1 */
    public static ValidationResult error(String path, String message)
    {
        return of(List.of(ValidationIssue.error(path, message)));
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return all issues in the order they were found @since 0.1 */
    public List<ValidationIssue> issues()
    {
        return issues;
    }

    /** @since 0.1 */
    public List<ValidationIssue> errors()
    {
        return issues.stream().filter(ValidationIssue::isError).toList();
    }

    /** @since 0.1 */
    public List<ValidationIssue> warnings()
    {
        return issues.stream().filter(issue -> !issue.isError()).toList();
    }

    /** @return true if there is no error (warnings allowed) @since 0.1 */
    public boolean isValid()
    {
        return issues.stream().noneMatch(ValidationIssue::isError);
    }

    /** @return the issues of this result followed by those of {@code other} @since 0.1 */
    public ValidationResult and(ValidationResult other)
    {
        if (other.issues.isEmpty()) {
            return this;
        }
        List<ValidationIssue> all = new ArrayList<>(issues);
        all.addAll(other.issues);
        return new ValidationResult(all);
    }

    @Override
    public String toString()
    {
        return issues.isEmpty() ? "valid" : issues.toString();
    }

    /**
     * Collects issues.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final List<ValidationIssue> issues = new ArrayList<>();

        private Builder() {}

        /** @since 0.1 */
        public Builder error(String path, String message)
        {
            issues.add(ValidationIssue.error(path, message));
            return this;
        }

        /** @since 0.1 */
        public Builder warning(String path, String message)
        {
            issues.add(ValidationIssue.warning(path, message));
            return this;
        }

        /** @since 0.1 */
        public Builder add(ValidationIssue issue)
        {
            issues.add(Objects.requireNonNull(issue, "issue is null"));
            return this;
        }

        /** @since 0.1 */
        public ValidationResult build()
        {
            return ValidationResult.of(issues);
        }
    }
}
