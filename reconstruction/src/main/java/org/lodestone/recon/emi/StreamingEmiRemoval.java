package org.lodestone.recon.emi;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;

/**
 * {@link EmiRemoval} over lines as they arrive, for a preview: {@link #update} takes the lines so far (each call's
 * list extends the previous one) and returns what {@code EmiRemoval.apply} returns for them, without redoing the work
 * already done. Fitted on the readout periphery, a group of {@code linesPerGroup} lines is fitted and corrected once,
 * when it is complete (the unfinished last group is refitted at every update); fitted on noise readouts, the transfer
 * is refitted (and every line corrected again) only when more noise readouts arrived. Not thread-safe: one caller.
 */
public final class StreamingEmiRemoval {
    private final EmiChannels channels;
    private final Editer.Settings settings;
    private final int total;
    /** Corrected lines, a prefix of the lines so far that no later line changes. */
    private final List<Acquisition> settled = new ArrayList<>();
    private Editer.Transfer noiseTransfer;
    private int noiseReadouts;

    public StreamingEmiRemoval(EmiChannels channels, Editer.Settings settings) {
        this.channels = channels;
        this.settings = settings;
        this.total = channels.imaging().length + channels.reference().length;
    }

    /** @param soFar every line so far, in order (the previous call's lines first) */
    public EmiRemoval.Result update(List<Acquisition> soFar) {
        for (int i = settled.size(); i < soFar.size(); i++) {
            if (soFar.get(i).header().activeChannels() != total) {
                throw new IllegalArgumentException("readout " + soFar.get(i).header().scanCounter() + " has "
                        + soFar.get(i).header().activeChannels() + " channels, the EMI layout " + total);
            }
        }
        List<Acquisition> noise = soFar.stream().filter(a -> a.header().isSet(AcquisitionFlag.IS_NOISE_MEASUREMENT)).toList();
        if (!noise.isEmpty()) {
            if (noise.size() != noiseReadouts) {
                noiseTransfer = Editer.fitTransfer(noise, channels, settings);
                noiseReadouts = noise.size();
                settled.clear();
            }
            for (int i = settled.size(); i < soFar.size(); i++) settled.add(noiseTransfer.apply(soFar.get(i)));
            return new EmiRemoval.Result(settled, channels, "noise readouts");
        }
        int group = settings.linesPerGroup();
        int complete = soFar.size() / group * group;
        if (settled.size() < complete) {
            settled.addAll(Editer.removeFittedOnPeriphery(soFar.subList(settled.size(), complete), channels, settings,
                    EmiRemoval.CENTRAL_FRACTION));
        }
        List<Acquisition> all = new ArrayList<>(settled);
        all.addAll(Editer.removeFittedOnPeriphery(soFar.subList(complete, soFar.size()), channels, settings,
                EmiRemoval.CENTRAL_FRACTION));
        return new EmiRemoval.Result(all, channels, "readout periphery");
    }
}
