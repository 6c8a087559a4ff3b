package org.lodestone.recon.emi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;

/**
 * Synthetic EMI: two narrowband carriers plus broadband interference (one source), reaching 4 imaging and 2
 * reference channels through fixed complex FIR paths, plus thermal noise and an MR-like signal (strong near
 * the k-space centre) in the imaging channels only. Removal is measured against the EMI-free truth.
 */
class EditerTest {

    static final int LINES = 64;
    static final int SAMPLES = 256;
    static final int IMAGING = 4;
    static final int REFERENCES = 2;

    @Test
    void removesAtLeastNinetyPercentOfEmiEnergy() {
        Random rnd = new Random(3);
        double[][][] paths = new double[IMAGING + REFERENCES][][];
        for (int c = 0; c < paths.length; c++) {
            int taps = c < IMAGING ? 3 : 2;
            paths[c] = new double[taps][2];
            for (int k = 0; k < taps; k++) {
                double gain = k == 0 ? 1 : 0.3 * rnd.nextDouble();
                double phase = 2 * Math.PI * rnd.nextDouble();
                paths[c][k][0] = gain * Math.cos(phase) * (c < IMAGING ? 0.5 + c * 0.3 : 1);
                paths[c][k][1] = gain * Math.sin(phase) * (c < IMAGING ? 0.5 + c * 0.3 : 1);
            }
        }
        List<Acquisition> measured = new ArrayList<>();
        List<float[]> truth = new ArrayList<>(); // signal + thermal noise of the imaging channels
        double emiEnergy = 0;
        long t0 = 0;
        for (int line = 0; line < LINES; line++) {
            double[] er = new double[SAMPLES + 4];
            double[] ei = new double[SAMPLES + 4];
            for (int t = 0; t < er.length; t++) {
                double time = t0 + t;
                er[t] = 3 * Math.cos(0.21 * time) + 1.5 * Math.cos(1.37 * time + 0.4) + 0.8 * rnd.nextGaussian();
                ei[t] = 3 * Math.sin(0.21 * time) + 1.5 * Math.sin(1.37 * time + 0.4) + 0.8 * rnd.nextGaussian();
            }
            t0 += SAMPLES + 100;
            float[] data = new float[2 * (IMAGING + REFERENCES) * SAMPLES];
            float[] clean = new float[2 * IMAGING * SAMPLES];
            double signalAmp = 20 * Math.exp(-Math.pow((line - LINES / 2.0) / 4, 2));
            for (int c = 0; c < IMAGING + REFERENCES; c++) {
                for (int t = 0; t < SAMPLES; t++) {
                    double emr = 0;
                    double emi = 0;
                    for (int k = 0; k < paths[c].length; k++) {
                        double xr = er[t + 4 - k];
                        double xi = ei[t + 4 - k];
                        emr += paths[c][k][0] * xr - paths[c][k][1] * xi;
                        emi += paths[c][k][0] * xi + paths[c][k][1] * xr;
                    }
                    double nr = 0.1 * rnd.nextGaussian();
                    double ni = 0.1 * rnd.nextGaussian();
                    double sr = 0;
                    double si = 0;
                    if (c < IMAGING) {
                        double x = (t - SAMPLES / 2.0) / 6;
                        sr = signalAmp * Math.exp(-x * x) * (1 + 0.2 * c);
                        clean[2 * (c * SAMPLES + t)] = (float) (sr + nr);
                        clean[2 * (c * SAMPLES + t) + 1] = (float) (si + ni);
                        emiEnergy += emr * emr + emi * emi;
                    }
                    data[2 * (c * SAMPLES + t)] = (float) (sr + emr + nr);
                    data[2 * (c * SAMPLES + t) + 1] = (float) (si + emi + ni);
                }
            }
            AcquisitionHeader h = AcquisitionHeader.builder().numberOfSamples(SAMPLES)
                    .channels(IMAGING + REFERENCES).idx(EncodingCounters.of(line, 0)).build();
            measured.add(new Acquisition(h, null, data));
            truth.add(clean);
        }
        List<Acquisition> corrected = Editer.remove(measured, EmiChannels.lastAreReference(IMAGING + REFERENCES,
                REFERENCES), Editer.Settings.defaults());
        double residual = 0;
        for (int line = 0; line < LINES; line++) {
            Acquisition a = corrected.get(line);
            assertThat(a.header().activeChannels()).isEqualTo(IMAGING);
            float[] d = a.data();
            float[] clean = truth.get(line);
            for (int i = 0; i < d.length; i++) {
                double e = d[i] - clean[i];
                residual += e * e;
            }
        }
        double removed = 1 - residual / emiEnergy;
        System.out.printf("EDITER: %.2f %% of EMI energy removed (residual %.3g of %.3g)%n", 100 * removed, residual,
                emiEnergy);
        assertThat(removed).isGreaterThanOrEqualTo(0.90);
    }
}
