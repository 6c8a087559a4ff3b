package org.lodestone.hw.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pi4jContextsTest {

    @Test
    void gpioOptionIsParsed() {
        assertThat(Pi4jContexts.Target.parse("pi")).isEqualTo(new Pi4jContexts.RealBoard());
        assertThat(Pi4jContexts.Target.parse("virtual"))
                .isEqualTo(new Pi4jContexts.VirtualBus("127.0.0.1", Pi4jContexts.DEFAULT_BUS_PORT));
        assertThat(Pi4jContexts.Target.parse("virtual:7500")).isEqualTo(new Pi4jContexts.VirtualBus("127.0.0.1", 7500));
        assertThat(Pi4jContexts.Target.parse("virtual:localhost:7500")).isEqualTo(new Pi4jContexts.VirtualBus("localhost", 7500));
        assertThatThrownBy(() -> Pi4jContexts.Target.parse("gpiod")).hasMessageContaining("--gpio");
        assertThatThrownBy(() -> Pi4jContexts.Target.parse("virtual:x")).hasMessageContaining("port");
    }

    @Test
    void virtualTargetGivesAContextWithOnlyTheBusProviders() throws Exception {
        try (GpioBusServer server = GpioBusServer.start(0)) {
            server.setInput("DOOR_CLOSED", true);
            Context ctx = Pi4jContexts.forMachine("virtual:" + server.port());
            try {
                assertThat(ctx.provider(IOType.DIGITAL_INPUT).id()).isEqualTo(VirtualGpioProvider.INPUT_PROVIDER_ID);
                assertThat(ctx.provider(IOType.DIGITAL_OUTPUT).id()).isEqualTo(VirtualGpioProvider.OUTPUT_PROVIDER_ID);
                assertThat(ctx.platforms().all()).isEmpty();
                try (UnitGpio gpio = new UnitGpio(ctx, GpioConfig.defaults())) {
                    assertThat(gpio.doorClosed()).isTrue();
                    assertThat(gpio.emergencyStopPressed()).isTrue(); // never announced: unknown reads unsafe
                }
            } finally {
                ctx.shutdown();
            }
        }
    }
}
