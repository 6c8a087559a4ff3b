package org.lodestone.seq.pulseq;

import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.BlockExtension;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

public class PulseqRoundTripTest {
    static final Path SHARED = Path.of("../../shared/pulseq");

    public static Stream<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(SHARED)) {
            return s.filter(p -> p.toString().endsWith(".seq")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyFileReadsVerifiesItsSignatureAndRoundTripsExactly(Path file) throws Exception {
        PulseqFile first = PulseqReader.read(file);
        assertThat(first.signed()).as("signature present and verified").isTrue();
        assertThat(first.sequence().blocks()).isNotEmpty();
        byte[] written = PulseqWriter.toBytes(first.sequence());
        PulseqFile second = PulseqReader.parse(written, "rewritten-" + file.getFileName());
        assertThat(second.version()).isEqualTo(PulseqVersion.V1_5_0);
        assertThat(second.signed()).isTrue();
        Sequence a = first.sequence(), b = second.sequence();
        assertThat(b.definitions()).isEqualTo(a.definitions());
        assertThat(b.blocks()).hasSameSizeAs(a.blocks());
        for (int i = 0; i < a.blocks().size(); i++) {
            assertThat(b.blocks().get(i)).as("block %d of %s", i, file.getFileName()).isEqualTo(a.blocks().get(i));
        }
        // Writing the re-read sequence gives the same bytes: the writer is deterministic.
        assertThat(PulseqWriter.toBytes(b)).isEqualTo(written);
    }

    @Test
    void gre15ReadsTheValuesTheFileStates() throws Exception {
        Sequence s = PulseqReader.read(SHARED.resolve("write_gre.seq")).sequence();
        Block first = s.blocks().getFirst();
        assertThat(first.duration()).isCloseTo(317 * 10e-6, within(1e-12));
        Rf rf = first.rf();
        assertThat(rf.amplitudeHz()).isEqualTo(37.2185);
        assertThat(rf.use()).isEqualTo(Rf.Use.EXCITATION);
        assertThat(rf.delay()).isCloseTo(100e-6, within(1e-15));
        assertThat(rf.center()).isCloseTo(1500e-6, within(1e-15));
        assertThat(rf.shape()).hasSize(3000);
        assertThat(first.gz()).isInstanceOf(Trap.class);
        assertThat(s.adcCount()).isGreaterThan(0);
        assertThat(s.definitions().get("FOV")).isEqualTo("0.256 0.256 0.003");
    }

    @Test
    void version14ArbitraryGradientsGetEdgesAndTheRfCentre() throws Exception {
        PulseqFile f = PulseqReader.read(SHARED.resolve("simple_mprage140.seq"));
        assertThat(f.version()).isEqualTo(PulseqVersion.V1_4_0);
        boolean arbitrary = f.sequence().blocks().stream().anyMatch(b -> b.gx() instanceof ArbitraryGradient || b.gy() instanceof ArbitraryGradient
                || b.gz() instanceof ArbitraryGradient);
        assertThat(arbitrary).isTrue();
        Rf rf = f.sequence().blocks().stream().filter(b -> b.rf() != null).findFirst().orElseThrow().rf();
        assertThat(rf.use()).isEqualTo(Rf.Use.UNDEFINED);
        assertThat(rf.center()).isFinite();
        // The 1.5 version of the same sequence has the same block timing.
        Sequence s150 = PulseqReader.read(SHARED.resolve("simple_mprage150.seq")).sequence();
        assertThat(s150.duration()).isCloseTo(f.sequence().duration(), within(1e-9));
    }

    @Test
    void labelsBecomeMrdCountersAndUnknownExtensionsAreKept() throws Exception {
        Sequence s = PulseqReader.read(SHARED.resolve("write_gre_label.seq")).sequence();
        assertThat(s.blocks().stream().filter(b -> b.adc() != null).map(b -> b.adc().counters().line()).distinct().count()).isGreaterThan(1);
        Sequence soft = PulseqReader.read(SHARED.resolve("seq6.seq")).sequence();
        assertThat(soft.blocks().stream().flatMap(b -> b.extensions().stream()))
                .contains(new BlockExtension.Other("DELAYS", "0 1000000 1 TE"));
        Sequence inc = PulseqReader.read(SHARED.resolve("seq3.seq")).sequence();
        assertThat(inc.blocks().stream().flatMap(b -> b.labels().stream())).anyMatch(BlockExtension.Label::increment);
    }

    @Test
    void errorsNameLineSectionIdAndField() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(SHARED.resolve("write_gre.seq")));
        int trap = lines.indexOf("[TRAP]"), line = -1;
        for (int i = trap + 1; line < 0; i++) {
            String[] tok = lines.get(i).strip().split("\\s+");
            if (tok[0].equals("3")) {
                tok[2] = "abc";
                lines.set(i, String.join(" ", tok));
                line = i + 1;
            }
        }
        String broken = String.join("\n", lines.subList(0, lines.indexOf("[SIGNATURE]")));
        assertThatThrownBy(() -> PulseqReader.parse(broken.getBytes(StandardCharsets.UTF_8), "write_gre.seq"))
                .isInstanceOf(PulseqFormatException.class)
                .hasMessage("write_gre.seq line " + line + ", [TRAP] id 3: field 'rise' is not a number");
    }

    @Test
    void aTamperedFileFailsItsSignature() throws Exception {
        String text = Files.readString(SHARED.resolve("seq1.seq")).replace("125 1 2 3 500", "126 1 2 3 500");
        assertThatThrownBy(() -> PulseqReader.parse(text.getBytes(StandardCharsets.UTF_8), "seq1.seq"))
                .hasMessageContaining("[SIGNATURE]").hasMessageContaining("signature mismatch");
    }

    @Test
    void olderFormatsWithDelaysAndAlwaysCompressedShapesRead() throws Exception {
        String v13 = """
                [VERSION]
                major 1
                minor 3
                revision 1

                [DEFINITIONS]
                GradientRasterTime 1e-05

                [BLOCKS]
                1 1 1 0 0 1 0 0
                2 2 0 0 0 0 1 0

                [RF]
                1 250 1 0 0 0 0

                [TRAP]
                1 100000 100 400 100 0

                [ADC]
                1 64 10000 0 0 0

                [DELAYS]
                1 700
                2 2000

                [SHAPES]
                shape_id 1
                num_samples 4
                1
                0
                0
                1
                """;
        Sequence s = PulseqReader.parse(v13.getBytes(StandardCharsets.UTF_8), "old.seq").sequence();
        assertThat(s.blocks()).hasSize(2);
        assertThat(s.blocks().get(0).rf().shape()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(s.blocks().get(0).duration()).isCloseTo(700e-6, within(1e-12));
        assertThat(s.blocks().get(1).duration()).isCloseTo(2e-3, within(1e-12));
        List<String> encoded = ShapeCodec.encode(new double[] {0, 0.25, 0.5, 0.75, 1, 1, 1, 1});
        assertThat(encoded.size()).isLessThan(8);
    }
}
