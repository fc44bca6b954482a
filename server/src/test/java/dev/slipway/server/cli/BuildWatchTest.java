package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.slipway.server.build.engine.BuildStatus;
import dev.slipway.server.run.RunExitCodes;

class BuildWatchTest
{
    @Test
    void aBuildEndsTheCommandWithTheExitCodeSlipwayRunGivesItsStatus()
    {
        for (BuildStatus status : BuildStatus.values()) {
            ObjectNode build = SlipwayClient.JSON.createObjectNode().put("id", "web:1").put("status", status.name());

            assertThat(BuildWatch.exitCode(build)).as(status.name()).isEqualTo(RunExitCodes.of(status));
        }
        assertThat(RunExitCodes.SUCCEEDED).isZero();
        assertThat(java.util.Set.of(RunExitCodes.FAILED, RunExitCodes.FAULT, RunExitCodes.TIMED_OUT, RunExitCodes.STOPPED)).as("distinct").hasSize(4);
    }

    @Test
    void aStatusThatIsNotAnEndIsAFailure()
    {
        ObjectNode build = SlipwayClient.JSON.createObjectNode().put("id", "web:1").put("status", "IN_PROGRESS");

        assertThatThrownBy(() -> BuildWatch.exitCode(build)).isInstanceOf(CliFailure.class)
                .hasMessage("Build web:1 ended with a status this command does not know: 'IN_PROGRESS'");
    }
}
