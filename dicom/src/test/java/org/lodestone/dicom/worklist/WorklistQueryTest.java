package org.lodestone.dicom.worklist;

import org.lodestone.dicom.Peers;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.net.DicomNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * C-FIND against dcmtk's wlmscpfs, worklist files built with dump2dcm: one server that returns each file's
 * character set (-csk), one that returns none (-cs0, its default), so we must decide UTF-8 or Latin-1 ourselves.
 */
class WorklistQueryTest {
    @TempDir
    static Path dir;
    static Process keeping;
    static Process stripping;
    static int keepPort;
    static int stripPort;
    private final WorklistClient worklist = new WorklistClient(new DicomClient("LODESTONE", Duration.ofSeconds(20)));

    @BeforeAll
    static void start() throws Exception {
        Path data = dir.resolve("wl");
        entry(data, "LATIN1", "ISO_IR 100", "Müller^Jürgen", "ACC-100", Charset.forName("ISO-8859-1"));
        entry(data, "UTF8", "ISO_IR 192", "Müller^Jürgen", "ACC-192", Charset.forName("UTF-8"));
        entry(data, "GB", "GB18030", "王^小明", "ACC-GB", Charset.forName("GB18030"));
        entry(data, "OTHERDAY", "ISO_IR 192", "Åström^Åsa", "ACC-OTHER", Charset.forName("UTF-8"), "20261206");
        keepPort = Peers.freePort();
        keeping = Peers.start(List.of("wlmscpfs", "-dfr", "-csk", "--data-files-path", data.toString(),
                Integer.toString(keepPort)), keepPort, dir.resolve("keep.log"));
        stripPort = Peers.freePort();
        stripping = Peers.start(List.of("wlmscpfs", "-dfr", "-cs0", "--data-files-path", data.toString(),
                Integer.toString(stripPort)), stripPort, dir.resolve("strip.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        Peers.stop(keeping);
        Peers.stop(stripping);
    }

    static void entry(Path data, String ae, String charset, String name, String accession, Charset encoding)
            throws IOException, InterruptedException {
        entry(data, ae, charset, name, accession, encoding, "20261205");
    }

    /** Writes a dump in the entry's own encoding and turns it into AE/entry.wl with dump2dcm. */
    static void entry(Path data, String ae, String charset, String name, String accession, Charset encoding, String date)
            throws IOException, InterruptedException {
        Path aeDir = Files.createDirectories(data.resolve(ae));
        Files.writeString(aeDir.resolve("lockfile"), "");
        String dump = String.join("\n",
                "(0008,0005) CS [" + charset + "]",
                "(0008,0050) SH [" + accession + "]",
                "(0010,0010) PN [" + name + "]",
                "(0010,0020) LO [PID-" + accession + "]",
                "(0010,0030) DA [19610314]",
                "(0010,0040) CS [M]",
                "(0020,000d) UI [1.2.826.0.1.3680043.2.1125.1." + Math.abs(accession.hashCode()) + "]",
                "(0032,1060) LO [MR knee]",
                "(0040,1001) SH [RP-1]",
                "(0040,0100) SQ (Sequence with undefined length #=1)",
                "(fffe,e000) na (Item with undefined length #=6)",
                "(0008,0060) CS [MR]",
                "(0040,0001) AE [LODESTONE]",
                "(0040,0002) DA [" + date + "]",
                "(0040,0003) TM [093000]",
                "(0040,0007) LO [knee]",
                "(0040,0009) SH [SPS-1]",
                "(fffe,e00d) na (ItemDelimitationItem)",
                "(fffe,e0dd) na (SequenceDelimitationItem)", "");
        Path dumpFile = aeDir.resolve("entry.dump");
        Files.write(dumpFile, dump.getBytes(encoding));
        Process p = new ProcessBuilder("dump2dcm", dumpFile.toString(), aeDir.resolve("entry.wl").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("dump2dcm: %s", out).isZero();
    }

    private WorklistResult query(int port, String ae, LocalDate date) throws Exception {
        return worklist.query(new DicomNode("ris", ae, "127.0.0.1", port, false), date, "LODESTONE");
    }

    @Test
    void latin1NamedByTheServerIsDecoded() throws Exception {
        WorklistResult r = query(keepPort, "LATIN1", null);
        assertThat(r.entries()).singleElement().satisfies(e -> {
            assertThat(e.patientName()).isEqualTo("Müller^Jürgen");
            assertThat(e.accessionNumber()).isEqualTo("ACC-100");
            assertThat(e.characterSet()).isEqualTo("ISO_IR 100");
            assertThat(e.modality()).isEqualTo("MR");
            assertThat(e.scheduledDate()).isEqualTo("20261205");
            assertThat(e.studyInstanceUid()).startsWith("1.2.826.0.1.3680043.2.1125.1.");
            // Picking it: the patient and the scheduled exam the workflow creates.
            assertThat(e.patient().birthDate()).isEqualTo(LocalDate.of(1961, 3, 14));
            assertThat(e.patient().name()).isEqualTo("Müller^Jürgen");
            assertThat(e.study().accessionNumber()).isEqualTo("ACC-100");
            assertThat(e.study().studyUid()).isEqualTo(e.studyInstanceUid());
            assertThat(e.study().dateTime()).isEqualTo(java.time.LocalDateTime.of(2026, 12, 5, 9, 30));
        });
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void utf8NamedByTheServerIsDecoded() throws Exception {
        WorklistEntry e = query(keepPort, "UTF8", LocalDate.of(2026, 12, 5)).entries().getFirst();
        assertThat(e.patientName()).isEqualTo("Müller^Jürgen");
        assertThat(e.characterSet()).isEqualTo("ISO_IR 192");
    }

    @Test
    void gb18030IsDecoded() throws Exception {
        WorklistEntry e = query(keepPort, "GB", null).entries().getFirst();
        assertThat(e.patientName()).isEqualTo("王^小明");
        assertThat(e.accessionNumber()).isEqualTo("ACC-GB");
    }

    @Test
    void noCharacterSetButValidUtf8IsTakenAsUtf8() throws Exception {
        WorklistResult r = query(stripPort, "UTF8", null);
        assertThat(r.entries()).singleElement().satisfies(e -> {
            assertThat(e.patientName()).isEqualTo("Müller^Jürgen");
            assertThat(e.characterSet()).startsWith("ISO_IR 192 (assumed");
        });
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void noCharacterSetAndNotUtf8IsLatin1WithAWarning() throws Exception {
        WorklistResult r = query(stripPort, "LATIN1", null);
        assertThat(r.entries().getFirst().patientName()).isEqualTo("Müller^Jürgen");
        assertThat(r.warnings()).singleElement().asString().contains("ACC-100").contains("Latin-1");
    }

    @Test
    void theDateSelectsTheScheduledSteps() throws Exception {
        assertThat(query(keepPort, "OTHERDAY", LocalDate.of(2026, 12, 5)).entries()).isEmpty();
        assertThat(query(keepPort, "OTHERDAY", LocalDate.of(2026, 12, 6)).entries()).singleElement()
                .satisfies(e -> assertThat(e.patientName()).isEqualTo("Åström^Åsa"));
    }
}
