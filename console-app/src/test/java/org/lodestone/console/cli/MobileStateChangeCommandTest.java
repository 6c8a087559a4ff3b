package org.lodestone.console.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.service.mobile.TransportMode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mobile override} and a bad {@code mobile transport}, through bin/lodestone's entry point (child JVMs on one
 * data directory): the shared state-change path writes the state, audits it and prints it; bad input is one line, exit 2.
 */
class MobileStateChangeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void overrideReleasesAFailedRequalificationAndAuditsTheNote() throws Exception {
        LodestoneCli cli = new LodestoneCli(tmp.resolve("data"));
        LodestoneCli.Run nothing = cli.run("mobile", "override", "--note", "checked by hand", "--operator", "eng");
        assertThat(nothing.exit()).as(nothing.output()).isEqualTo(2);
        // a fresh install has no users: the login warning comes first, then the one line of the refusal
        assertThat(nothing.err().strip().lines().toList().getLast()).startsWith("lodestone: nothing to override");
        assertThat(nothing.err()).doesNotContain("Exception");

        new TransportMode(tmp.resolve("data")).requalified("crew", false, "QA failed: ghosting");
        LodestoneCli.Run released = cli.run("mobile", "override", "--note", "loose panel, booked for Monday", "--operator", "eng");
        assertThat(released.exit()).as(released.output()).isZero();
        assertThat(released.out()).contains("patient scans: allowed");
        String audit = Files.readString(tmp.resolve("data/audit/audit.jsonl"));
        assertThat(audit).contains("mobile.override").contains("loose panel, booked for Monday").contains("\"eng\"");

        LodestoneCli.Run sideways = cli.run("mobile", "transport", "sideways");
        assertThat(sideways.exit()).as(sideways.output()).isEqualTo(2);
        assertThat(sideways.err().strip()).isEqualTo("lodestone: transport takes on or off, not 'sideways'");
    }
}
