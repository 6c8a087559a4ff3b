package org.lodestone.seq.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One definition per parameter: defaults, ranges, whole numbers and text parsing all come from the ParameterSpec. */
class ParameterValuesTest {
    static final ParameterSpec MATRIX = new ParameterSpec("matrix", "Matrix", "px", 128, 32, 512, true, "");
    static final ParameterSpec TE = new ParameterSpec("te", "TE", "ms", 20, 1, 500, false, "echo time");
    static final List<ParameterSpec> SPECS = List.of(MATRIX, TE);

    @Test
    void defaultsFillWhatWasNotGivenAndValuesAreReadAsDeclared() throws Exception {
        ParameterValues v = ParameterValues.resolve("se2d", SPECS, Map.of("te", 30.0));
        assertThat(v.get("te")).isEqualTo(30.0);
        assertThat(v.integer("matrix")).isEqualTo(128);
        assertThat(v.asMap()).containsExactly(Map.entry("matrix", 128.0), Map.entry("te", 30.0));
        // a protocol reading a name it did not declare, or a fraction as a whole number, is a bug, caught at once
        assertThatThrownBy(() -> v.get("tr")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> v.integer("te")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void outOfRangeAndUnknownNamesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> ParameterValues.resolve("se2d", SPECS, Map.of("matrix", 16.0)))
                .isInstanceOf(ParameterException.class).hasMessage("Matrix must be between 32 and 512 px")
                .satisfies(e -> assertThat(((ParameterException) e).parameter()).isEqualTo("matrix"));
        assertThatThrownBy(() -> ParameterValues.resolve("se2d", SPECS, Map.of("flux", 1.0)))
                .hasMessage("protocol se2d has no parameter 'flux' (it has matrix, te)");
    }

    @Test
    void textIsParsedByTheSameRulesForTheFormAndTheCommandLine() throws Exception {
        assertThat(TE.parse(" 12,5 ")).isEqualTo(12.5);
        assertThatThrownBy(() -> TE.parse("Infinity")).hasMessage("TE: 'Infinity' is not a number");
        assertThatThrownBy(() -> TE.parse("1d")).hasMessage("TE: '1d' is not a number");
        assertThatThrownBy(() -> TE.parse("")).hasMessage("TE: enter a value");
        assertThatThrownBy(() -> MATRIX.parse("64.5")).hasMessage("Matrix must be a whole number");
        assertThat(MATRIX.range()).isEqualTo("32 – 512 px");

        assertThat(ParameterValues.parse("se2d", SPECS, List.of("te=30", "matrix = 64"))).containsExactly(
                Map.entry("te", 30.0), Map.entry("matrix", 64.0));
        assertThatThrownBy(() -> ParameterValues.parse("se2d", SPECS, List.of("te=0.5")))
                .hasMessage("--param te=0.5: TE must be between 1 and 500 ms (allowed: 1 – 500 ms)");
        assertThatThrownBy(() -> ParameterValues.parse("se2d", SPECS, List.of("te"))).hasMessage("--param 'te' is not NAME=VALUE");
    }
}
