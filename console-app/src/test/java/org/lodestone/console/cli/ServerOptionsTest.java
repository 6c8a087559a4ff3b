package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The listening options hub and recon-server share: parsed by picocli, checked before anything listens. */
class ServerOptionsTest {
    @Test
    void hubAndReconServerTakeTheSameListeningOptions() {
        for (Object command : new Object[] {new HubCommand(), new ReconServerCommand()}) {
            CommandLine.Model.CommandSpec spec = new CommandLine(command).getCommandSpec();
            assertThat(spec.findOption("--bind").defaultValue()).isEqualTo("127.0.0.1");
            assertThat(spec.findOption("--tls-keystore")).isNotNull();
            assertThat(spec.findOption("--tls-password-file")).isNotNull();
        }
    }

    @Test
    void aKeystoreWithoutItsPasswordFileIsRefusedAndNoneMeansPlainTcp() {
        ReconServerCommand keystoreOnly = new ReconServerCommand();
        new CommandLine(keystoreOnly).parseArgs("--port", "4000", "--tls-keystore", "server.p12");
        assertThatThrownBy(() -> keystoreOnly.listen.tls()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--tls-keystore and --tls-password-file go together");
        HubCommand plain = new HubCommand();
        new CommandLine(plain).parseArgs("--mqtt", "mqtt://127.0.0.1:1", "--http", "8080", "--viewers", "v.txt", "--bind", "0.0.0.0");
        assertThat(plain.server.tls()).isNull();
        assertThat(plain.server.bind).isEqualTo("0.0.0.0");
    }

    @Test
    void aPortOutside1To65535IsNamedByItsOption() {
        assertThat(ServerOptions.port("--http", 65535)).isEqualTo(65535);
        assertThatThrownBy(() -> ServerOptions.port("--http", 0)).hasMessage("--http must be a port 1..65535 (got 0)");
        assertThatThrownBy(() -> ServerOptions.port("--port", 70000)).hasMessage("--port must be a port 1..65535 (got 70000)");
    }
}
