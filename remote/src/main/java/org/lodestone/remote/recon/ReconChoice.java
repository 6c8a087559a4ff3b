package org.lodestone.remote.recon;

import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.time.Duration;

/**
 * The image and where it was made: {@code "remote"} or {@code "local"}, with the reason local was
 * used when a server was asked for (scan.json's {@code "recon"} and {@code "recon_reason"}).
 */
public record ReconChoice(ImageVolume image, String recon, String reason) {

    /** Remote on {@code server} (null: local), local when that fails. */
    public static ReconChoice reconstruct(MrdStreamReader.Result raw, String server, Duration replyTimeout) {
        if (server != null) {
            try (RemoteRecon r = RemoteRecon.connect(server, raw.xml(), Duration.ofSeconds(2), replyTimeout)) {
                for (var a : raw.acquisitions()) r.add(a);
                return new ReconChoice(r.finish(), "remote", null);
            } catch (RemoteReconException e) {
                return new ReconChoice(ReconServer.reconstruct(raw.xml(), raw.acquisitions()), "local",
                        e.getMessage() + "; reconstructed locally");
            }
        }
        return new ReconChoice(ReconServer.reconstruct(raw.xml(), raw.acquisitions()), "local", "no recon server given");
    }
}
