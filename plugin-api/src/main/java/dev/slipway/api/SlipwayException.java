package dev.slipway.api;

import java.util.List;
import java.util.Objects;

/**
 * The one exception type of the API: a failure of the system or of a request, with an {@link ErrorCode}
 * and optional details (for example one line per invalid field). A failed build step is not an
 * exception but a value ({@code CommandResult}); this type means something could not be done.
 *
 * <p>Messages are written for the person who will read them: they say what was wrong and, where it
 * helps, what would have worked ({@code "Executor 'dockr' is not installed. Available executors: [local]"}).
 *
 * @since 0.1
 */
public class SlipwayException
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final List<String> details;

    /** @since 0.1 */
    public SlipwayException(ErrorCode errorCode, String message)
    {
        this(errorCode, message, List.of(), null);
    }

    /** @since 0.1 */
    public SlipwayException(ErrorCode errorCode, String message, Throwable cause)
    {
        this(errorCode, message, List.of(), cause);
    }

    /** @since 0.1 */
    public SlipwayException(ErrorCode errorCode, String message, List<String> details)
    {
        this(errorCode, message, details, null);
    }

    /** @since 0.1 */
    public SlipwayException(ErrorCode errorCode, String message, List<String> details, Throwable cause)
    {
        super(Objects.requireNonNull(message, "message is null"), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode is null");
        this.details = List.copyOf(Objects.requireNonNull(details, "details is null"));
    }

    /** @return the code that classifies this failure @since 0.1 */
    public ErrorCode errorCode()
    {
        return errorCode;
    }

    /** @return further lines, e.g. one per invalid field ({@code "url: is required"}); may be empty @since 0.1 */
    public List<String> details()
    {
        return details;
    }
}
