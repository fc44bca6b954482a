package dev.slipway.server.http;

import java.io.IOException;
import java.util.List;

import dev.slipway.api.ErrorCode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Caps the request bodies of the API at {@code server.max-request-body}, so that one large request cannot exhaust
 * the heap (every API body is read whole into JSON). A declared {@code Content-Length} above the limit is answered
 * with 413 before anything is read; a body without a length (chunked) fails with 413 as soon as reading passes the
 * limit.
 */
final class RequestBodyLimitFilter
        implements Filter
{
    private final long limit;

    RequestBodyLimitFilter(long limit)
    {
        this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException
    {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        long length = request.getContentLengthLong();
        if (length > limit) {
            // The unread body is not worth draining: close the connection after the answer.
            response.setHeader("Connection", "close");
            ErrorBodies.write(response, 413, new ErrorJson(ErrorCode.INVALID_ARGUMENT.name(), tooLarge("is " + length + " bytes"), List.of()));
            return;
        }
        chain.doFilter(length >= 0 ? request : new Limited(request), response);
    }

    private String tooLarge(String size)
    {
        return "The request body " + size + "; the limit is " + limit + " bytes (server.max-request-body)";
    }

    /** Reading passed the limit. */
    static final class TooLargeException
            extends WebApplicationException
    {
        TooLargeException(String message)
        {
            super(message, Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
    }

    /** A request whose body has no declared length: counts what is read. */
    private final class Limited
            extends HttpServletRequestWrapper
    {
        private ServletInputStream limited;

        Limited(HttpServletRequest request)
        {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream()
                throws IOException
        {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream());
            }
            return limited;
        }
    }

    private final class LimitedStream
            extends ServletInputStream
    {
        private final ServletInputStream delegate;
        private long count;

        LimitedStream(ServletInputStream delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public int read()
                throws IOException
        {
            int next = delegate.read();
            if (next >= 0) {
                counted(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            int read = delegate.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        private void counted(int bytes)
        {
            count += bytes;
            if (count > limit) {
                // Unchecked, so that it passes through the JSON parser to the API's exception mappers unchanged.
                throw new TooLargeException(tooLarge("is larger than " + limit + " bytes"));
            }
        }

        @Override
        public boolean isFinished()
        {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady()
        {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener)
        {
            delegate.setReadListener(listener);
        }
    }
}
