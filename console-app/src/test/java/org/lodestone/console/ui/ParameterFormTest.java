package org.lodestone.console.ui;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.protocol.ParameterSpec;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterFormTest {
    private static final ParameterSpec FOV = new ParameterSpec("fov", "Field of view", "mm", 240, 50, 400, false, "");
    private static final ParameterSpec MATRIX = new ParameterSpec("matrix", "Matrix", "px", 128, 32, 512, true, "");
    private static final ParameterSpec AVG = new ParameterSpec("averages", "Averages", "", 1, 1, 32, true, "");
    private static final List<ParameterSpec> SPECS = List.of(FOV, MATRIX, AVG);

    @Test
    void parsesAllFieldsInFormOrder() {
        var parsed = ParameterForm.parse(SPECS, Map.of("fov", " 200.5 ", "matrix", "64", "averages", "2"));
        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.values()).containsExactly(Map.entry("fov", 200.5), Map.entry("matrix", 64.0), Map.entry("averages", 2.0));
    }

    @Test
    void acceptsDecimalCommaAndExponent() {
        var parsed = ParameterForm.parse(SPECS, Map.of("fov", "200,5", "matrix", "6.4e1", "averages", "1"));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.values()).containsEntry("fov", 200.5).containsEntry("matrix", 64.0);
    }

    @Test
    void reportsEachBadFieldWithAReason() {
        var parsed = ParameterForm.parse(SPECS, Map.of("fov", "abc", "matrix", "7", "averages", " "));
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.errors()).containsOnlyKeys("fov", "matrix", "averages");
        assertThat(parsed.errors().get("fov")).isEqualTo("Field of view: 'abc' is not a number");
        assertThat(parsed.errors().get("matrix")).isEqualTo("Matrix must be between 32 and 512 px");
        assertThat(parsed.errors().get("averages")).isEqualTo("Averages: enter a value");
        assertThat(parsed.reasons()).contains("'abc' is not a number").contains("32 and 512").contains("enter a value");
        assertThat(parsed.values()).isEmpty();
    }

    @Test
    void refusesFractionsForWholeNumbersAndJavaOnlyNumberSpellings() {
        var parsed = ParameterForm.parse(SPECS, Map.of("fov", "NaN", "matrix", "64.5", "averages", "2d"));
        assertThat(parsed.errors().get("fov")).contains("not a number");
        assertThat(parsed.errors().get("matrix")).isEqualTo("Matrix must be a whole number");
        assertThat(parsed.errors().get("averages")).contains("not a number");
    }

    @Test
    void missingFieldIsAnError() {
        var parsed = ParameterForm.parse(SPECS, Map.of("fov", "240", "matrix", "128"));
        assertThat(parsed.errors()).containsOnlyKeys("averages");
        assertThat(parsed.values()).containsOnlyKeys("fov", "matrix");
    }

    @Test
    void formatsDefaultsAndRanges() {
        assertThat(ParameterForm.format(240)).isEqualTo("240");
        assertThat(ParameterForm.format(2.5)).isEqualTo("2.5");
        assertThat(ParameterForm.format(-150)).isEqualTo("-150");
        assertThat(ParameterForm.rangeHint(FOV)).isEqualTo("50 – 400 mm");
        assertThat(ParameterForm.rangeHint(AVG)).isEqualTo("1 – 32");
    }
}
