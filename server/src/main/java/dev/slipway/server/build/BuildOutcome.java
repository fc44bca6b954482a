package dev.slipway.server.build;

import java.util.List;

import dev.slipway.server.build.BuildJson.ArtifactsJson;
import dev.slipway.server.build.BuildJson.CacheJson;
import dev.slipway.server.build.BuildJson.ExportedVariableJson;
import dev.slipway.server.build.BuildJson.ReportJson;

/**
 * What a build produced, stored as JSON with the build when it ends.
 *
 * @param artifacts null for a build that stored none
 * @param cache null for a build without a cache
 */
record BuildOutcome(List<ExportedVariableJson> exportedVariables, ArtifactsJson artifacts, List<ReportJson> reports, CacheJson cache)
{
    static final BuildOutcome NOTHING = new BuildOutcome(List.of(), null, List.of(), null);

    BuildOutcome
    {
        exportedVariables = exportedVariables == null ? List.of() : List.copyOf(exportedVariables);
        reports = reports == null ? List.of() : List.copyOf(reports);
    }
}
