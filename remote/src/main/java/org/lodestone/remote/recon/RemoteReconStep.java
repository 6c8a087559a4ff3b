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
 * {@code scan --recon-server}: after the scan, the journalled lines go to the server and its image
 * replaces images.nii; unreachable or too slow, the local image stays. scan.json gains
 * {@code "recon": "remote"|"local"} and {@code "recon_reason"}.
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
        ReconChoice c = ReconChoice.reconstruct(raw, server, replyTimeout);
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
