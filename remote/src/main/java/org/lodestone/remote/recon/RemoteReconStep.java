package org.lodestone.remote.recon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Records where a scan's image was made: a remote image replaces images.nii (a local one leaves
 * the scan's own), and scan.json gains {@code "recon": "remote"|"local"} and {@code "recon_reason"}.
 * {@code scan --recon-server} streams during the scan ({@link StreamingRecon}) and then
 * {@link #record}s; {@link #apply} does the whole thing afterwards from raw.mrd.
 */
public final class RemoteReconStep {
    private RemoteReconStep() {
    }

    public static ReconChoice apply(Path outDir, String server, Duration replyTimeout) throws IOException {
        Path rawFile = outDir.resolve("raw.mrd");
        Path json = outDir.resolve("scan.json");
        if (!Files.isRegularFile(rawFile) || !Files.isRegularFile(json)) {
            throw new IOException("no raw.mrd and scan.json in " + outDir);
        }
        MrdStreamReader.Result raw = MrdStreamReader.read(rawFile);
        return record(outDir, ReconChoice.reconstruct(raw, server, replyTimeout));
    }

    /** Writes {@code c} into the scan's folder (images.nii when remote, scan.json always). */
    public static ReconChoice record(Path outDir, ReconChoice c) throws IOException {
        Path json = outDir.resolve("scan.json");
        if (!Files.isRegularFile(json)) throw new IOException("no scan.json in " + outDir);
        if (c.recon().equals("remote")) NiftiWriter.write(outDir.resolve("images.nii"), c.image());
        ObjectMapper m = new ObjectMapper();
        ObjectNode record = (ObjectNode) m.readTree(json.toFile());
        record.put("recon", c.recon());
        if (c.reason() != null) record.put("recon_reason", c.reason());
        else record.remove("recon_reason");
        Path tmp = outDir.resolve("scan.json.tmp");
        m.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), record);
        Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return c;
    }
}
