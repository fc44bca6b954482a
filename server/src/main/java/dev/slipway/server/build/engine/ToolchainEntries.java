package dev.slipway.server.build.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.slipway.api.executor.Toolchain;

/** How a project's own toolchains for {@code runtime-versions} join the environment's. */
public final class ToolchainEntries
{
    private ToolchainEntries() {}

    /**
     * @return {@code first}, then the toolchains of {@code then} whose {@code runtime:version} none of {@code first}
     *         names (as version or alias); their aliases that {@code first} names are dropped
     */
    public static List<Toolchain> merge(List<Toolchain> first, List<Toolchain> then)
    {
        if (first.isEmpty()) {
            return then;
        }
        Set<String> taken = new HashSet<>();
        for (Toolchain toolchain : first) {
            taken.add(toolchain.runtime() + ":" + toolchain.version());
            toolchain.aliases().forEach(alias -> taken.add(toolchain.runtime() + ":" + alias));
        }
        List<Toolchain> merged = new ArrayList<>(first);
        for (Toolchain toolchain : then) {
            if (taken.contains(toolchain.runtime() + ":" + toolchain.version())) {
                continue;
            }
            Toolchain.Builder builder = Toolchain.builder(toolchain.runtime(), toolchain.version());
            toolchain.aliases().stream().filter(alias -> !taken.contains(toolchain.runtime() + ":" + alias)).forEach(builder::alias);
            toolchain.variables().forEach(builder::variable);
            toolchain.pathEntries().forEach(builder::pathEntry);
            merged.add(builder.build());
        }
        return List.copyOf(merged);
    }
}
