package org.lodestone.twin.truth;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a truth volume to a file. The default is {@link Nifti1Writer}. */
@FunctionalInterface
public interface VolumeWriter {
    void write(Path file, TruthVolume volume) throws IOException;
}
