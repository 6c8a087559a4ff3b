package org.lodestone.hw.gpio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpioConfigTest {

    @Test
    void defaultsCoverEverySignalAndSurviveAPropertiesFile(@TempDir Path dir) throws Exception {
        GpioConfig d = GpioConfig.defaults();
        assertThat(d.inputs()).containsOnlyKeys(GpioInput.values());
        assertThat(d.outputs()).containsOnlyKeys(GpioOutput.values());
        Path file = dir.resolve("gpio.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            d.toProperties().store(w, "test");
        }
        assertThat(GpioConfig.load(file)).isEqualTo(d);
    }

    @Test
    void keysOverrideDefaultsAndOtherKeysAreIgnored() {
        Properties p = new Properties();
        p.setProperty("gpio.in.door_closed.bcm", "4");
        p.setProperty("gpio.in.DOOR_CLOSED.active", "LOW");
        p.setProperty("gpio.debounce.us", "0");
        p.setProperty("console.theme", "dark");
        GpioConfig c = GpioConfig.fromProperties(p);
        assertThat(c.pin(GpioInput.DOOR_CLOSED)).isEqualTo(new GpioConfig.Pin(4, false));
        assertThat(c.debounceMicros()).isZero();
        assertThat(c.highWhen(GpioInput.DOOR_CLOSED, true)).isFalse();
        assertThat(c.pin(GpioOutput.RF_ENABLE)).isEqualTo(GpioConfig.defaults().pin(GpioOutput.RF_ENABLE));
    }

    @Test
    void mistakesAreRefused() {
        Properties typo = new Properties();
        typo.setProperty("gpio.in.DOOR_CLOSED.bmc", "4");
        assertThatThrownBy(() -> GpioConfig.fromProperties(typo)).hasMessageContaining("gpio.in.DOOR_CLOSED.bmc");

        Properties clash = new Properties();
        clash.setProperty("gpio.out.RF_ENABLE.bcm", "17");
        assertThatThrownBy(() -> GpioConfig.fromProperties(clash)).hasMessageContaining("17").hasMessageContaining("DOOR_CLOSED");

        Properties polarity = new Properties();
        polarity.setProperty("gpio.out.RF_ENABLE.active", "yes");
        assertThatThrownBy(() -> GpioConfig.fromProperties(polarity)).hasMessageContaining("high or low");

        Properties offHeader = new Properties();
        offHeader.setProperty("gpio.in.MAGNET_OVERTEMP.bcm", "40");
        assertThatThrownBy(() -> GpioConfig.fromProperties(offHeader)).hasMessageContaining("40");
    }
}
