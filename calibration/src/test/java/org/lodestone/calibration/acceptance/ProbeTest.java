package org.lodestone.calibration.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.lodestone.calibration.frequency.FrequencyCalibration;
import org.lodestone.calibration.rf.TransmitCalibration;
import org.lodestone.calibration.shim.ShimCalibration;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.twin.TwinProcess;

class ProbeTest {
    @Test
    void probe() throws Exception {
        for (long seed : new long[] {3, 4}) {
            try (TwinProcess t = TwinProcess.start(seed)) {
                ProgramRunner r = t.runner();
                long t0 = System.nanoTime();
                double nominal = t.capabilities().nominalLarmorHz();
                var f = FrequencyCalibration.run(r, UnitSettings.powerOn(nominal), nominal + 30000, 60000);
                JsonNode truth = t.truth();
                System.out.printf("seed %d: f %s err %.2f searched %d snr %.1f scan %.2f s wall %.2f s%n", seed, f.frequency(),
                        f.frequency().value() - truth.get("trueLarmorHzNow").asDouble(),
                        f.searched().size(), f.snr(), r.scanSeconds(), (System.nanoTime() - t0) / 1e9);
                UnitSettings s = UnitSettings.powerOn(f.frequency().value());
                var rf = TransmitCalibration.run(r, s);
                truth = t.truth();
                double eff = truth.get("scan").get("coilEfficiency").asDouble();
                double trueGain = truth.get("rfScale").asDouble() * eff;
                System.out.printf("  rf gain %s true %.4f err %.2f %% sweep %s scan %.2f s%n", rf.b1Gain(), trueGain,
                        100 * (rf.b1Gain().value() / trueGain - 1), rf.pairs().stream().map(a -> String.format("%.3f:%.3f", a[0], a[1])).toList(), r.scanSeconds());
                s = s.withTransmitScale(rf.transmitScale().value());
                var sh = ShimCalibration.run(r, s);
                truth = t.truth();
                double L = truth.get("trueLarmorHzNow").asDouble();
                String[] ax = {"x", "y", "z"};
                double ini = 0, res = 0;
                for (int a = 0; a < 3; a++) {
                    double i0 = L * 1e-6 * truth.get("inhomogeneity").get(ax[a]).asDouble();
                    double gs = truth.get("gradients").get("scale").get(a).asDouble();
                    double rr = i0 + gs * sh.shim()[a].value();
                    ini += i0 * i0;
                    res += rr * rr;
                    System.out.printf("  axis %s initial %.1f Hz/m shim %s residual %.1f%n", ax[a], i0, sh.shim()[a], rr);
                }
                System.out.printf("  residual %.1f %% lw %.1f -> %.1f Hz scan %.2f s wall %.1f s%n", 100 * Math.sqrt(res / ini),
                        sh.linewidthBeforeHz(), sh.linewidthAfterHz(), r.scanSeconds(), (System.nanoTime() - t0) / 1e9);
                System.out.println(truth.get("gradients"));
            }
        }
    }
}
