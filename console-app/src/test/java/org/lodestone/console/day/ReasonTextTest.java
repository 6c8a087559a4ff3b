package org.lodestone.console.day;

import org.junit.jupiter.api.Test;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The libraries' own refusals, said in Chinese with their values, and left as they are in English. */
class ReasonTextTest {
    private final Texts zh = Texts.of(Texts.CHINESE), en = Texts.english();

    private static ParameterException parsing(String protocol, String parameter, String text) {
        ParameterSpec spec = ProtocolLibrary.find(protocol).orElseThrow().parameters().stream()
                .filter(s -> s.name().equals(parameter)).findFirst().orElseThrow();
        return catchThrowableOfType(ParameterException.class, () -> spec.parse(text));
    }

    private static ParameterException building(String protocol, Map<String, Double> values) {
        Protocol p = ProtocolLibrary.find(protocol).orElseThrow();
        return catchThrowableOfType(ParameterException.class, () -> p.build(values, UnitProfile.PLANNING));
    }

    @Test
    void fieldChecksAreSaidInChineseWithTheParametersName() {
        ParameterException range = parsing("se2d", "fov", "9999");
        assertThat(ReasonText.of(zh, range.parameter(), range.getMessage())).isEqualTo("视野必须在 50 到 400 mm 之间");
        ParameterException word = parsing("se2d", "matrix", "abc");
        assertThat(ReasonText.of(zh, word.parameter(), word.getMessage())).isEqualTo("矩阵：“abc”不是数字");
        ParameterException empty = parsing("se2d", "tr", " ");
        assertThat(ReasonText.of(zh, empty.parameter(), empty.getMessage())).isEqualTo("TR：请输入数值");
        ParameterException odd = building("localizer", Map.of("matrix", 33.0));
        assertThat(odd.parameter()).isEqualTo("matrix");
        assertThat(ReasonText.of(zh, odd.parameter(), odd.getMessage())).isEqualTo("矩阵必须是偶数");
    }

    @Test
    void timingAndGradientRefusalsKeepTheirValues() {
        ParameterException tr = building("se2d", Map.of("tr", 30.0, "te", 20.0));
        assertThat(tr.getMessage()).startsWith("TR 30.0 ms is shorter than the minimum");
        String minimum = tr.getMessage().replaceAll(".*minimum ([0-9.]+) ms.*", "$1");
        assertThat(ReasonText.of(zh, tr.parameter(), tr.getMessage())).isEqualTo("TR 30.0 ms 短于这些参数所需的最小值 " + minimum + " ms");
        ParameterException slice = building("se2d", Map.of("slice_thickness", 2.0, "bandwidth", 5000.0));
        String said = ReasonText.of(zh, slice.parameter(), slice.getMessage());
        assertThat(said).as(slice.getMessage()).doesNotContain("needs").doesNotContain("allows").containsPattern("[0-9]+\\.[0-9]{2} mT/m");
    }

    @Test
    void englishStaysAsTheLibraryWroteItAndAnUnknownSentenceIsKept() {
        ParameterException range = parsing("se2d", "fov", "9999");
        assertThat(ReasonText.of(en, range.parameter(), range.getMessage())).isEqualTo(range.getMessage());
        ParameterException tr = building("se2d", Map.of("tr", 30.0, "te", 20.0));
        assertThat(ReasonText.of(en, tr.parameter(), tr.getMessage())).isEqualTo(tr.getMessage());
        assertThat(ReasonText.of(zh, null, "Something new happened")).isEqualTo("Something new happened");
        assertThat(ReasonText.of(zh, null, "RF power 12.3 W exceeds the unit's limit 10.0 W (lengthen TR or change the parameters)"))
                .isEqualTo("RF power 12.3 W 超过设备限值 10.0 W（请延长 TR 或修改参数）");
    }
}
