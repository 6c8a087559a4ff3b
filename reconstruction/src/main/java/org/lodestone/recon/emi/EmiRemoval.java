package org.lodestone.recon.emi;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;

/**
 * EMI removal as a pipeline step over a whole scan's readouts: with RF-off noise readouts in the data, one
 * transfer function is fitted on them (the MR signal cannot bias it) and applied to every readout; without,
 * EDITER runs per group of imaging readouts, fitted on each readout's periphery. Returns every readout, in
 * order, with the imaging channels only.
 */
public final class EmiRemoval {
    /** Readout fraction around the echo left out of a fit on imaging data. */
    public static final double CENTRAL_FRACTION = 0.25;

    /** @param method "noise readouts" or "readout periphery", for the operator's record */
    public record Result(List<Acquisition> readouts, EmiChannels channels, String method) {
        public Result {
            readouts = List.copyOf(readouts);
        }
    }

    private EmiRemoval() {
    }

    public static Result apply(List<Acquisition> all, EmiChannels channels, Editer.Settings settings) {
        int total = channels.imaging().length + channels.reference().length;
        List<Acquisition> noise = all.stream().filter(a -> a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT))
                .filter(a -> a.header().activeChannels() == total).toList();
        for (Acquisition a : all) {
            if (a.header().activeChannels() != total) {
                throw new IllegalArgumentException("readout " + a.header().scanCounter() + " has "
                        + a.header().activeChannels() + " channels, the EMI layout " + total);
            }
        }
        if (!noise.isEmpty()) {
            Editer.Transfer t = Editer.fitTransfer(noise, channels, settings);
            return new Result(all.stream().map(t::apply).toList(), channels, "noise readouts");
        }
        List<Acquisition> cleaned = Editer.removeFittedOnPeriphery(all, channels, settings, CENTRAL_FRACTION);
        return new Result(new ArrayList<>(cleaned), channels, "readout periphery");
    }
}
