package org.lodestone.calibration.frequency;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.FreeInductionDecay;
import org.lodestone.seq.protocol.ParameterException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quick pre-scan frequency adjustment: one FID at the current frequency, the spectral peak
 * gives the offset, the receiver is set on resonance. Works within ± half the FID bandwidth
 * (±25 kHz with the default 20 µs dwell); the wide search after a drive is the calibration suite's.
 */
public final class FrequencyAdjustment {
    public record Result(double previousHz, double offsetHz, double newHz, double snr) {
    }

    private FrequencyAdjustment() {
    }

    public static Result run(ScannerSession session, UnitProfile unit, double currentHz) throws DeviceException {
        BuiltProtocol fid;
        DeviceProgram program;
        try {
            fid = new FreeInductionDecay().build(Map.of("tr", 50.0), unit);
            program = SequenceCompiler.compile(fid.sequence(), unit);
        } catch (ParameterException | CompileException e) {
            throw new DeviceException("frequency adjustment cannot run on this unit: " + e.getMessage());
        }
        double dwell = fid.derived().get("dwell_us") * 1e-6;
        session.setFrequency(currentHz);
        int id = session.upload(program);
        CompletableFuture<Message.AcqData> line = new CompletableFuture<>();
        CompletableFuture<Message.Done> done = new CompletableFuture<>();
        session.start(id, new AcquisitionListener() {
            @Override
            public void onLine(Message.AcqData l) {
                line.complete(l);
            }

            @Override
            public void onDone(Message.Done d) {
                done.complete(d);
            }

            @Override
            public void onLinkLost(String reason) {
                done.completeExceptionally(new DeviceException(reason));
            }
        });
        try {
            Message.Done d = done.get((long) (program.durationSeconds() * 1000) + 10_000, TimeUnit.MILLISECONDS);
            if (d.status() != Message.Done.COMPLETE || !line.isDone()) {
                throw new DeviceException("frequency adjustment FID did not complete (status " + d.status() + ")");
            }
            Message.AcqData data = line.get();
            float[] ch0 = java.util.Arrays.copyOf(data.data(), 2 * data.samples());
            FidSpectrum.Peak p = FidSpectrum.peak(ch0, dwell);
            return new Result(currentHz, p.offsetHz(), currentHz + p.offsetHz(), p.snr());
        } catch (TimeoutException e) {
            throw new DeviceException("frequency adjustment FID timed out");
        } catch (ExecutionException e) {
            throw new DeviceException("frequency adjustment failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("frequency adjustment interrupted");
        }
    }
}
