package dev.slipway.server.build.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.server.build.engine.ArtifactOutcome;
import dev.slipway.server.build.engine.ArtifactSettings;

import static java.util.Objects.requireNonNull;

/**
 * The COMBINE_ARTIFACTS phase of a batch whose project combines artifacts (CodeBuild's {@code combineArtifacts},
 * CodePipeline's {@code CombineArtifacts}): the primary artifacts of the child builds become one artifact, each
 * child's files under a directory named by its build identifier ({@code build1/app.jar}, {@code build2/app.jar}).
 * With ZIP packaging that is one ZIP (file modes and symlinks kept) under
 * {@code <prefix>/<batch-id>/<name>.zip}; with no packaging, the files are copied under
 * {@code <prefix>/<batch-id>/<name>/<identifier>/…}.
 */
final class CombinedArtifact
{
    private CombinedArtifact() {}

    /** One child's primary artifact. */
    record Part(String identifier, ArtifactOutcome artifact)
    {
        Part
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(artifact, "artifact is null");
        }
    }

    /**
     * @param parts the children's primary artifacts, in plan order; children without one are left out by the caller
     * @return the combined artifact; empty if there is no part
     * @throws IOException if the store or the disk failed
     */
    static Optional<ArtifactOutcome> combine(ArtifactStore store, String keyBase, ArtifactSettings.Target target, String batchId, List<Part> parts)
            throws IOException
    {
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String name = target.name().replaceAll("^/+|/+$", "");
        ArtifactMetadata.Builder metadata = ArtifactMetadata.builder().attribute("batch-id", batchId).attribute("combined", "true");
        return Optional.of(switch (target.packaging()) {
            case ZIP -> zip(store, keyBase + "/" + (name.endsWith(".zip") ? name : name + ".zip"), name, parts, metadata);
            case NONE -> directory(store, keyBase + "/" + name, name, parts, metadata.build());
        });
    }

    private static ArtifactOutcome zip(ArtifactStore store, String key, String name, List<Part> parts, ArtifactMetadata.Builder metadata)
            throws IOException
    {
        Path combined = Files.createTempFile("slipway-combined-", ".zip");
        Path part = Files.createTempFile("slipway-part-", ".zip");
        int files = 0;
        try {
            try (OutputStream file = Files.newOutputStream(combined); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (Part child : parts) {
                    try (InputStream content = store.open(ArtifactKey.of(child.artifact().key()))) {
                        Files.copy(content, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    try (ZipFile source = ZipFile.builder().setPath(part).get()) {
                        for (Enumeration<ZipArchiveEntry> entries = source.getEntriesInPhysicalOrder(); entries.hasMoreElements(); ) {
                            ZipArchiveEntry entry = entries.nextElement();
                            ZipArchiveEntry copy = new ZipArchiveEntry(child.identifier() + "/" + entry.getName());
                            copy.setUnixMode(entry.getUnixMode());
                            copy.setTime(entry.getTime());
                            if (!entry.isDirectory()) {
                                copy.setSize(entry.getSize());
                            }
                            zip.putArchiveEntry(copy);
                            try (InputStream content = source.getInputStream(entry)) {
                                content.transferTo(zip);
                            }
                            zip.closeArchiveEntry();
                            files++;
                        }
                    }
                }
                zip.finish();
            }
            ArtifactRef ref;
            try (InputStream content = Files.newInputStream(combined)) {
                ref = store.put(ArtifactKey.of(key), content, metadata.contentType("application/zip").build());
            }
            return new ArtifactOutcome(Optional.empty(), name.endsWith(".zip") ? name : name + ".zip", ArtifactSettings.Packaging.ZIP, ref.key().path(),
                    ref.location(), ref.size(), files, Optional.of(ref.sha256()));
        }
        finally {
            Files.deleteIfExists(combined);
            Files.deleteIfExists(part);
        }
    }

    private static ArtifactOutcome directory(ArtifactStore store, String base, String name, List<Part> parts, ArtifactMetadata metadata)
            throws IOException
    {
        long size = 0;
        int files = 0;
        String location = null;
        for (Part child : parts) {
            String prefix = child.artifact().key();
            for (ArtifactRef file : store.list(prefix)) {
                String relative = file.key().path().substring(prefix.length());
                ArtifactRef ref;
                try (InputStream content = store.open(file.key())) {
                    ref = store.put(ArtifactKey.of(base + "/" + child.identifier() + "/" + relative), content, metadata);
                }
                size += ref.size();
                files++;
                location = location == null ? ref.location() : location;
            }
        }
        return new ArtifactOutcome(Optional.empty(), name, ArtifactSettings.Packaging.NONE, base + "/", location == null ? base + "/" : location, size, files,
                Optional.empty());
    }
}
