package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs contract tests against extensions with one deliberate flaw each (see {@link BrokenExtensions}) and checks that
 * the test aimed at the flaw fails, while the same test passes against the sound fake.
 */
final class ContractSuitesCatchBrokenExtensionsTest
{
    static Stream<Arguments> flaws()
    {
        return Stream.of(
                Arguments.of(BrokenExtensions.PartialPutVisible.class, "failedPutLeavesThePreviousArtifact", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.PartialPutVisible.class, "failedPutOfANewKeyLeavesNothing", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.PartialPutVisible.class, "concurrentPutsToOneKeyEndWithOneCompleteArtifactAndReadersNeverSeeAMix", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.EmptyStreamForMissingKey.class, "openOfAMissingKeyThrowsNotFound", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.ClosesCallersStream.class, "putDoesNotCloseTheCallersStreamAndReadsItToTheEnd", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.UnsortedList.class, "listReturnsTheArtifactsUnderAPrefixSortedByKey", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.ClaimsListItLacks.class, "listReturnsTheArtifactsUnderAPrefixSortedByKey", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.WrongChecksum.class, "putThenFindAndOpenReturnWhatWasStored", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.ValidateThrows.class, "validateReportsProblemsInsteadOfThrowing", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.BufferingStoreClaimsToStream.class, "largeArtifactStreamsThroughWithoutBeingHeldInMemory", BrokenExtensions.SoundStore.class),
                Arguments.of(BrokenExtensions.ThrowsOnFailure.class, "nonZeroExitIsAResultNotAnException", BrokenExtensions.SoundExecutor.class),
                Arguments.of(BrokenExtensions.DropsPartialLine.class, "outputWithoutTrailingNewlineIsDeliveredAsALine", BrokenExtensions.SoundExecutor.class),
                Arguments.of(BrokenExtensions.SwallowsInterrupt.class, "interruptingTheCallingThreadThrowsPromptly", BrokenExtensions.SoundExecutor.class),
                Arguments.of(BrokenExtensions.TimeoutAsExitStatus.class, "timeoutGivesATimedOutResultAndTheNextCommandRuns", BrokenExtensions.SoundExecutor.class),
                Arguments.of(BrokenExtensions.CloseNotIdempotent.class, "closeIsIdempotentForSessionsAndEnvironments", BrokenExtensions.SoundExecutor.class));
    }

    @ParameterizedTest(name = "{1} fails for {0}")
    @MethodSource("flaws")
    void contractTestFailsForTheFlawAndPassesForTheSoundFake(Class<?> flawed, String test, Class<?> sound)
    {
        Events flawedRun = run(flawed, test);
        Events soundRun = run(sound, test);

        assertThat(flawedRun.failed().count()).as("%s failed for %s", test, flawed.getSimpleName()).isEqualTo(1);
        assertThat(soundRun.succeeded().count()).as("%s passed for %s", test, sound.getSimpleName()).isEqualTo(1);
    }

    private static Events run(Class<?> testClass, String method)
    {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(testClass, method))
                .execute()
                .testEvents();
        assertThat(events.started().count()).as("%s#%s was found and started", testClass.getSimpleName(), method).isEqualTo(1);
        return events;
    }
}
