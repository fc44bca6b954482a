package dev.slipway.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.slipway.api.ExtensionContext;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.CommandResult;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.ExecutorFactory;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;

/**
 * Extensions with one deliberate flaw each, and contract suites over them. {@link ContractSuitesCatchBrokenExtensionsTest}
 * runs these suites through the JUnit Platform and checks that the test aimed at each flaw fails: a contract test
 * that cannot fail would be worthless. The nested classes are not run by Surefire directly.
 */
final class BrokenExtensions
{
    private BrokenExtensions() {}

    enum StoreFlaw
    {
        /** Content becomes visible while it is still being written, and stays when the write fails. */
        PARTIAL_PUT_VISIBLE,
        /** {@code open} of a missing key returns an empty stream. */
        EMPTY_STREAM_FOR_MISSING_KEY,
        /** {@code put} closes the caller's stream. */
        CLOSES_CALLERS_STREAM,
        /** {@code list} returns artifacts in hash order. */
        UNSORTED_LIST,
        /** Claims LIST but declines it. */
        CLAIMS_LIST_IT_LACKS,
        /** Reports the SHA-256 of the empty content for everything. */
        WRONG_CHECKSUM,
        /** The factory's {@code validate} throws on an empty string. */
        VALIDATE_THROWS,
    }

    static final class FlawedStoreFactory
            implements ArtifactStoreFactory
    {
        private static final ConfigSchema SCHEMA = ConfigSchema.builder()
                .string("name").label("Name").description("Any text.").add()
                .build();

        private final StoreFlaw flaw;

        FlawedStoreFactory(StoreFlaw flaw)
        {
            this.flaw = flaw;
        }

        @Override
        public String id()
        {
            return "flawed";
        }

        @Override
        public String displayName()
        {
            return "Flawed store";
        }

        @Override
        public ConfigSchema configSchema()
        {
            return SCHEMA;
        }

        @Override
        public ValidationResult validate(ConfigValues config)
        {
            if (flaw == StoreFlaw.VALIDATE_THROWS && config.findString("name").filter(String::isEmpty).isPresent()) {
                throw new IllegalArgumentException("name is empty");
            }
            return ValidationResult.ok();
        }

        @Override
        public ArtifactStore create(ConfigValues config, ExtensionContext context)
        {
            return new FlawedStore(flaw);
        }
    }

    static final class FlawedStore
            implements ArtifactStore
    {
        private final StoreFlaw flaw;
        private final InMemoryArtifactStore delegate = new InMemoryArtifactStore();
        private final Map<ArtifactKey, byte[]> partial = new ConcurrentHashMap<>();

        FlawedStore(StoreFlaw flaw)
        {
            this.flaw = flaw;
        }

        @Override
        public Set<ArtifactStoreCapability> capabilities()
        {
            return flaw == StoreFlaw.CLAIMS_LIST_IT_LACKS ? EnumSet.allOf(ArtifactStoreCapability.class) : delegate.capabilities();
        }

        @Override
        public ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
                throws IOException
        {
            if (flaw == StoreFlaw.PARTIAL_PUT_VISIBLE) {
                byte[] buffer = new byte[8192];
                ByteArrayOutputStream written = new ByteArrayOutputStream();
                for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                    written.write(buffer, 0, read);
                    partial.put(key, written.toByteArray());
                    delegate.put(key, new ByteArrayInputStream(written.toByteArray()), metadata);
                }
                return delegate.find(key).orElseGet(() -> putEmpty(key, metadata));
            }
            ArtifactRef ref = delegate.put(key, content, metadata);
            if (flaw == StoreFlaw.CLOSES_CALLERS_STREAM) {
                content.close();
            }
            if (flaw == StoreFlaw.WRONG_CHECKSUM) {
                return ArtifactRef.builder(key).size(ref.size()).sha256(Sha256.hex(new byte[0])).createdAt(ref.createdAt()).location(ref.location()).metadata(metadata).build();
            }
            return ref;
        }

        private ArtifactRef putEmpty(ArtifactKey key, ArtifactMetadata metadata)
        {
            try {
                return delegate.put(key, InputStream.nullInputStream(), metadata);
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Optional<ArtifactRef> find(ArtifactKey key)
        {
            return delegate.find(key);
        }

        @Override
        public InputStream open(ArtifactKey key)
        {
            if (flaw == StoreFlaw.EMPTY_STREAM_FOR_MISSING_KEY && delegate.find(key).isEmpty()) {
                return InputStream.nullInputStream();
            }
            return delegate.open(key);
        }

        @Override
        public List<ArtifactRef> list(String prefix)
                throws IOException
        {
            if (flaw == StoreFlaw.CLAIMS_LIST_IT_LACKS) {
                return ArtifactStore.super.list(prefix);
            }
            List<ArtifactRef> refs = new ArrayList<>(delegate.list(prefix));
            if (flaw == StoreFlaw.UNSORTED_LIST) {
                Collections.reverse(refs);
            }
            return refs;
        }

        @Override
        public boolean delete(ArtifactKey key)
                throws IOException
        {
            return delegate.delete(key);
        }
    }

    abstract static class FlawedStoreContract
            extends ArtifactStoreContractTest
    {
        abstract StoreFlaw flaw();

        @Override
        protected ArtifactStoreFactory factory()
        {
            return new FlawedStoreFactory(flaw());
        }

        @Override
        protected boolean streamsContent()
        {
            return false;
        }

        @Override
        protected long largeArtifactSize()
        {
            return 1024 * 1024;
        }

        @Override
        protected boolean sharesArtifactsBetweenInstances()
        {
            return false;
        }
    }

    static final class PartialPutVisible extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.PARTIAL_PUT_VISIBLE;
        }
    }

    static final class EmptyStreamForMissingKey extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.EMPTY_STREAM_FOR_MISSING_KEY;
        }
    }

    static final class ClosesCallersStream extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.CLOSES_CALLERS_STREAM;
        }
    }

    static final class UnsortedList extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.UNSORTED_LIST;
        }
    }

    static final class ClaimsListItLacks extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.CLAIMS_LIST_IT_LACKS;
        }
    }

    static final class WrongChecksum extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.WRONG_CHECKSUM;
        }
    }

    static final class ValidateThrows extends FlawedStoreContract
    {
        @Override
        StoreFlaw flaw()
        {
            return StoreFlaw.VALIDATE_THROWS;
        }
    }

    /** A store that holds content in the heap but claims to stream it. */
    static final class BufferingStoreClaimsToStream
            extends ArtifactStoreContractTest
    {
        @Override
        protected ArtifactStoreFactory factory()
        {
            return new InMemoryArtifactStoreFactory();
        }

        @Override
        protected boolean sharesArtifactsBetweenInstances()
        {
            return false;
        }
    }

    /** The unbroken in-memory store, as a control for the same selected tests. */
    static final class SoundStore
            extends ArtifactStoreContractTest
    {
        @Override
        protected ArtifactStoreFactory factory()
        {
            return new InMemoryArtifactStoreFactory();
        }

        @Override
        protected boolean streamsContent()
        {
            return false;
        }

        @Override
        protected boolean sharesArtifactsBetweenInstances()
        {
            return false;
        }
    }

    enum ExecutorFlaw
    {
        /** A non-zero exit status is thrown as an exception. */
        THROWS_ON_FAILURE,
        /** The last line is dropped when it has no newline. */
        DROPS_PARTIAL_LINE,
        /** An interrupt is swallowed and the command reported as killed. */
        SWALLOWS_INTERRUPT,
        /** A timeout is reported as exit status 124 without {@code timedOut()}. */
        TIMEOUT_AS_EXIT_STATUS,
        /** {@code close()} of an environment throws the second time. */
        CLOSE_NOT_IDEMPOTENT,
    }

    static final class FlawedExecutorFactory
            implements ExecutorFactory
    {
        private final ExecutorFlaw flaw;
        private final ScriptedExecutorFactory delegate = new ScriptedExecutorFactory();

        FlawedExecutorFactory(ExecutorFlaw flaw)
        {
            this.flaw = flaw;
        }

        @Override
        public String id()
        {
            return "flawed";
        }

        @Override
        public String displayName()
        {
            return "Flawed executor";
        }

        @Override
        public ConfigSchema configSchema()
        {
            return delegate.configSchema();
        }

        @Override
        public Executor create(ConfigValues config, ExtensionContext context)
        {
            Executor executor = delegate.create(config, context);
            return new Executor()
            {
                @Override
                public BuildEnvironment provision(EnvironmentRequest request, BuildContext buildContext)
                        throws IOException, InterruptedException
                {
                    return new FlawedEnvironment(flaw, executor.provision(request, buildContext));
                }

                @Override
                public void close()
                {
                    executor.close();
                }
            };
        }
    }

    static final class FlawedEnvironment
            implements BuildEnvironment
    {
        private final ExecutorFlaw flaw;
        private final BuildEnvironment delegate;
        private boolean closed;

        FlawedEnvironment(ExecutorFlaw flaw, BuildEnvironment delegate)
        {
            this.flaw = flaw;
            this.delegate = delegate;
        }

        @Override
        public String workspacePath()
        {
            return delegate.workspacePath();
        }

        @Override
        public Optional<Path> hostPath(String environmentPath)
        {
            return delegate.hostPath(environmentPath);
        }

        @Override
        public Map<String, String> baseEnvironment()
        {
            return delegate.baseEnvironment();
        }

        @Override
        public ShellSession openShell(ShellOptions options)
                throws IOException, InterruptedException
        {
            ShellSession session = delegate.openShell(options);
            return new ShellSession()
            {
                @Override
                public CommandResult run(String command, LogSink output, Duration timeout)
                        throws IOException, InterruptedException
                {
                    List<String> lines = new ArrayList<>();
                    CommandResult result;
                    try {
                        result = session.run(command, flaw == ExecutorFlaw.DROPS_PARTIAL_LINE ? lines::add : output, timeout);
                    }
                    catch (InterruptedException e) {
                        if (flaw == ExecutorFlaw.SWALLOWS_INTERRUPT) {
                            return CommandResult.exited(137, Duration.ZERO);
                        }
                        throw e;
                    }
                    if (flaw == ExecutorFlaw.DROPS_PARTIAL_LINE) {
                        // Crude on purpose: a printf whose format does not end in \n is taken to leave a partial line.
                        boolean endsWithNewline = command.contains("printf") && !command.matches("(?s).*\\\\n'.*");
                        lines.subList(0, endsWithNewline ? Math.max(0, lines.size() - 1) : lines.size()).forEach(output::line);
                    }
                    if (flaw == ExecutorFlaw.THROWS_ON_FAILURE && result.exitStatus() != 0) {
                        throw new IOException("Command failed with status " + result.exitStatus());
                    }
                    if (flaw == ExecutorFlaw.TIMEOUT_AS_EXIT_STATUS && result.timedOut()) {
                        return CommandResult.exited(CommandResult.TIMED_OUT_EXIT_STATUS, result.duration());
                    }
                    return result;
                }

                @Override
                public void close()
                {
                    session.close();
                }
            };
        }

        @Override
        public void upload(Path source, String targetPath)
                throws IOException, InterruptedException
        {
            delegate.upload(source, targetPath);
        }

        @Override
        public void download(String sourcePath, Path target)
                throws IOException, InterruptedException
        {
            delegate.download(sourcePath, target);
        }

        @Override
        public void close()
        {
            if (flaw == ExecutorFlaw.CLOSE_NOT_IDEMPOTENT && closed) {
                throw new IllegalStateException("already closed");
            }
            closed = true;
            delegate.close();
        }
    }

    abstract static class FlawedExecutorContract
            extends ExecutorContractTest
    {
        abstract ExecutorFlaw flaw();

        @Override
        protected ExecutorFactory factory()
        {
            return new FlawedExecutorFactory(flaw());
        }

        @Override
        protected boolean hasBehavior(ExecutorBehavior behavior)
        {
            return switch (behavior) {
                case POSIX_SHELL -> false;
                default -> super.hasBehavior(behavior);
            };
        }
    }

    static final class ThrowsOnFailure extends FlawedExecutorContract
    {
        @Override
        ExecutorFlaw flaw()
        {
            return ExecutorFlaw.THROWS_ON_FAILURE;
        }
    }

    static final class DropsPartialLine extends FlawedExecutorContract
    {
        @Override
        ExecutorFlaw flaw()
        {
            return ExecutorFlaw.DROPS_PARTIAL_LINE;
        }
    }

    static final class SwallowsInterrupt extends FlawedExecutorContract
    {
        @Override
        ExecutorFlaw flaw()
        {
            return ExecutorFlaw.SWALLOWS_INTERRUPT;
        }
    }

    static final class TimeoutAsExitStatus extends FlawedExecutorContract
    {
        @Override
        ExecutorFlaw flaw()
        {
            return ExecutorFlaw.TIMEOUT_AS_EXIT_STATUS;
        }
    }

    static final class CloseNotIdempotent extends FlawedExecutorContract
    {
        @Override
        ExecutorFlaw flaw()
        {
            return ExecutorFlaw.CLOSE_NOT_IDEMPOTENT;
        }
    }

    /** The unbroken scripted executor, as a control for the same selected tests. */
    static final class SoundExecutor
            extends ExecutorContractTest
    {
        @Override
        protected ExecutorFactory factory()
        {
            return new ScriptedExecutorFactory();
        }

        @Override
        protected boolean hasBehavior(ExecutorBehavior behavior)
        {
            return switch (behavior) {
                case POSIX_SHELL -> false;
                default -> super.hasBehavior(behavior);
            };
        }
    }
}
