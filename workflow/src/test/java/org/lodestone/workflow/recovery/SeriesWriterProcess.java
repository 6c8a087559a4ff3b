package org.lodestone.workflow.recovery;

import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamWriter;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.patient.Patient;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Random;

/**
 * A child JVM that does what a scan does to the store, in a loop, as fast as it can: start-up recovery, series
 * marked in progress, raw journal lines (with database progress writes), a "reconstruction" writing
 * images.nii and preview.png, then the end. The kill campaign SIGKILLs it at random moments.
 * Args: HOME LINES LINE_DELAY_MS [once]; with {@code once} it ends after its first series (the kill campaign's
 * training run, whose exit writes the class cache the killed ones start from).
 */
public final class SeriesWriterProcess {
    static final int SAMPLES = 64;

    public static void main(String[] args) throws Exception {
        WorkflowHome home = new WorkflowHome(Path.of(args[0]));
        int lines = Integer.parseInt(args[1]);
        long delayMs = Long.parseLong(args[2]);
        boolean once = args.length > 3 && args[3].equals("once");
        Actor tech = new Actor("tech", Role.TECHNICIAN);
        try (Workflow w = Workflow.openAndRecover(home)) {
            try {
                w.patients().add(new Patient("P001", "王^小明", null, null, 70.0, null, null));
            } catch (InvalidInputException alreadyThere) {
                // registered by an earlier run
            }
            System.out.println("READY");
            System.out.flush();
            Random rnd = new Random();
            do {
                SeriesHandle s = w.recorder().begin(new ExamRecorder.ScanPlan("P001", null, "se2d", Map.of("matrix", 32.0), null), tech);
                System.out.println("BEGIN " + s.seriesUid());
                System.out.flush();
                Files.createDirectories(s.directory());
                try (MrdStreamWriter raw = MrdStreamWriter.create(s.directory().resolve("raw.mrd"),
                        IsmrmrdHeaderXml.build(EncodingSpec.cartesian2D(SAMPLES, lines, 200, 200, 5, 1, 2_130_000, 0.05)))) {
                    for (int i = 0; i < lines; i++) {
                        raw.append(line(i, rnd));
                        if (i % 4 == 3) s.progress(i + 1);
                        if (delayMs > 0) Thread.sleep(delayMs);
                    }
                }
                writeSynced(s.directory().resolve("images.nii"), 20_000, rnd);
                writeSynced(s.directory().resolve("preview.png"), 4_000, rnd);
                s.finish("COMPLETE", lines, lines, "Scan complete", null);
                System.out.println("END " + s.seriesUid());
                System.out.flush();
            } while (!once);
        }
    }

    static Acquisition line(int i, Random rnd) {
        AcquisitionHeader h = AcquisitionHeader.builder().scanCounter(i).numberOfSamples(SAMPLES).channels(1)
                .idx(EncodingCounters.of(i, 0)).build();
        float[] data = new float[2 * SAMPLES];
        for (int k = 0; k < data.length; k++) data[k] = (float) rnd.nextGaussian();
        return new Acquisition(h, new float[0], data);
    }

    private static void writeSynced(Path f, int bytes, Random rnd) throws IOException {
        byte[] b = new byte[bytes];
        rnd.nextBytes(b);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(b));
            ch.force(true);
        }
    }
}
